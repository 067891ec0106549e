"""The live preview's part in each build (tools/serve.py's build processes only).

`cache`: ServePlugin and the caches kept from one build to the next; `memo`: remembered
results of functions every build calls for every page; `fast`: PartialBuild, a save of
pages' text builds only those pages. None of it is loaded by `make build`, CI or the
tests' builds; a change here restarts the preview's build processes, like a change in hooks/.
"""
