# fish completion for vnetctl: candidates come from `vnetctl __complete`, the
# same tables the parser uses, with live device and namespace names.
function __vnetctl_complete
	set -l words (commandline -opc)
	set -l bin $words[1]
	set -e words[1]
	command $bin __complete $words (commandline -ct) 2>/dev/null
end
complete -c vnetctl -f -a '(__vnetctl_complete)'
# -b FILE reads commands from a file: complete file names there
complete -c vnetctl -s b -l batch -r -F
