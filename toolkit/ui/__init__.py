"""The layer under both user interfaces: the notebook studio and the questionnaire stand on it.

- :mod:`.flow`: which questions are asked for the answers so far, and THE rule for an answer in
  progress (:func:`.flow.lenient`: the answer, else the default, forgiving errors). No widgets: the
  terminal interview uses it too.
- :mod:`.widgets`: one ipywidget per question and back (``widget_for``, ``value_of``, ``fill``,
  ``Field``), and the download link; each type's control comes from its kind (:mod:`toolkit.kinds`).
- :mod:`.preview`: the live preview's HTML writer (which variant and why, logic marks, focus).

The core never imports this package; the faces (``toolkit.notebook``, ``toolkit.questionnaire``)
import it and never each other (tests/test_architecture.py). Nothing is imported here, so the
terminal never loads ipywidgets.
"""
