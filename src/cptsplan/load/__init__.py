"""Reading a plan folder: files, YAML with positions, its limits and scalars, French
messages for YAML mistakes, ignored files and figure images. The first stage of every command."""
