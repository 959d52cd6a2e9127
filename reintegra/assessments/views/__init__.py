"""Assessment pages. Modules: assessments (list, new, one assessment side by side), network (ecomap page and SVG)."""
