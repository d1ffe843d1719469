// Compiles the published cptsplan schemas with ajv in strict mode and validates instances.
// Usage: node check.cjs MODULES_DIR < request.json > answer.json
//   request: {"schemas": [schema, ...], "main": "$id of the schema instances are checked
//   against" (or a map file -> $id in "instances[].schema"), "instances": [{"name", "schema",
//   "data"}]}
//   answer: {"error": "message"} when a schema does not compile, else
//   {"results": [{"name", "valid", "errors"}]}
// One process for every instance: starting node costs more than validating a plan.
"use strict";
const path = require("node:path");
const modules = path.resolve(process.argv[2], "node_modules");
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
const addFormats = require(path.join(modules, "ajv-formats")).default;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  let answer;
  try {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const schema of request.schemas) ajv.addSchema(schema);
    const validators = new Map();
    for (const schema of request.schemas) validators.set(schema.$id, ajv.getSchema(schema.$id));
    const results = request.instances.map((instance) => {
      const validate = validators.get(instance.schema);
      if (validate === undefined) throw new Error(`no schema with $id ${instance.schema}`);
      const valid = validate(instance.data);
      return { name: instance.name, valid, errors: valid ? [] : validate.errors };
    });
    answer = { results };
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer));
});
