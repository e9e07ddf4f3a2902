# Voilà's configuration file for `clausekit serve` (found through --Voila.config_file_paths).
# Python, because a prelaunch hook is a function; everything else is on the command line.
from toolkit.questionnaire.kernels import set_xsrf_cookie

c = get_config()  # type: ignore[name-defined]  # noqa: F821
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
# The waiting page's words (templates/clausekit/*.macro.html.j2), in the interface's language.
c.VoilaExporter.filters = {
    "clausekit_text": "toolkit.questionnaire.kernels.page_text",
    "clausekit_waiting": "toolkit.questionnaire.kernels.waiting_page",
    "clausekit_title": "toolkit.questionnaire.kernels.page_title",
}
