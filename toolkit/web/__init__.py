"""``clausekit web``: the questionnaire for the public, as server-rendered HTML forms and an HTTP API.

A face like the terminal interview and the Voilà page, standing on :mod:`toolkit.ui.flow` (the
steps, the conditional questions, the lenient rule) and on the core; it imports no other face.
Stateless: a visitor's answers so far travel in a signed hidden field of each page
(:mod:`.state`), so every uvicorn/gunicorn worker and every replica can answer any request.

- :mod:`.settings`: what is served and the limits, from ``CLAUSEKIT_WEB_*`` variables
- :mod:`.catalogue`: the templates (bundles or a library), by id and version
- :mod:`.walk`: one step of the questionnaire, without HTTP
- :mod:`.pages`: the HTML pages (Jinja2, autoescaped), :mod:`.api`: ``/api`` and ``/healthz``
- :mod:`.schema`: JSON Schema of a template's answers, the OpenAPI document
- :mod:`.app`: the Starlette app and its body limit
"""
