"""What a check finds: a problem with its place, rule and severity, and which problems
block a commit or a CI job. Every stage reports through these types; they depend on nothing."""
