"""The schema stage of a check: one loaded plan against the schema and its
identifiers, the problems bounded in number, and the parts set aside when they fail."""
