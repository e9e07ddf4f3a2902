"""Editing a template's files without touching more than the edited part (no widgets here).

- :mod:`.source`: where each variant's body and front matter keys sit in a clause file, and edits
  that replace only that span;
- :mod:`.save`: an atomic write that refuses when the file changed on disk since it was opened;
- :mod:`.draft`: the template with an unsaved edit, rendered in memory by the sandboxed engine;
- :mod:`.snippets`: what the insert controls write;
- :mod:`.conditions`: the condition builder's expression, validated as ``clausekit check`` does.
"""
