# Voilà's configuration file for `clausekit serve` (found through --Voila.config_file_paths).
# Python, because a prelaunch hook is a function; everything else is on the command line.
from toolkit.questionnaire.kernels import set_xsrf_cookie

c = get_config()  # type: ignore[name-defined]  # noqa: F821
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
