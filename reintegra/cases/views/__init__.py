"""Case pages. Modules: cases (list, new, page, phase actions), people (participants, incapacity),
case_types (configuration for organisation admins), documents (information sheet)."""
