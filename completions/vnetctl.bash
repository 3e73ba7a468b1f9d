# bash completion for vnetctl.  Every candidate comes from the binary itself
# (`vnetctl __complete WORDS...`), from the same tables its parser uses, with
# live device and namespace names.
_vnetctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	case $prev in
	-b | --batch | -batch)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac
	local IFS=$'\n'
	COMPREPLY=($(command "${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -F _vnetctl vnetctl
