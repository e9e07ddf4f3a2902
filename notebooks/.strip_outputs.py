# nbconvert settings that strip a notebook to the form kept in git: no outputs, no execution
# counts, no widget state; only the kernel and language stay. Used as a git clean filter
# (see README.md, "Notebooks in git"):
#   jupyter nbconvert --config notebooks/.strip_outputs.py --stdin --stdout
c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.NbConvertApp.export_format = "notebook"
c.NbConvertApp.log_level = "ERROR"
c.ClearOutputPreprocessor.enabled = True
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {("kernelspec",), ("language_info", "name")}
