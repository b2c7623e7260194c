# SPDX-License-Identifier: MIT
# bash completion for gicplan(1): its commands, each command's options, the bundled
# platforms, option values and file names. Installed as
# share/bash-completion/completions/gicplan; needs nothing from the bash-completion
# package. tests/cli/conventions.sh checks that each command completes exactly the
# options gicplan help COMMAND lists.

# The options command $1 takes, as gicplan help $1 lists them.
_gicplan_options()
{
	local request='--cpus --platform --gic-version --its --no-its --ipa-bits --spis --ram
		--virtualization --no-virtualization'
	local tree='--gic-version --ipa-bits --spis'
	local verify='--profile --exhaustive --strict'
	local common='-h --help -V --version'

	case $1 in
	plan) echo "$request -o --out --plan --compat-with --acpi --acpi-version --boot-cpus $verify --format -q --quiet $common" ;;
	verify) echo "$tree $verify --qemu-machine --format -q --quiet $common" ;;
	emu) echo "$tree --profile --qemu-machine $common" ;;
	audit) echo "$tree --profile --one-way --identical --vmm --format -q --quiet $common" ;;
	tiers) echo "--platform --gic-version --its --no-its --ipa-bits --format $common" ;;
	platforms) echo "--format $common" ;;
	limits) echo "--platform --gic-version --its --no-its --ipa-bits --format $common" ;;
	map) echo "$request --svg --tiers $common" ;;
	help) echo "$common" ;;
	esac
}

# Set COMPREPLY to the words of $1 that start with $2.
_gicplan_reply()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# Set COMPREPLY to the file names that start with $1.
_gicplan_files()
{
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_gicplan()
{
	local gicplan=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd=plan
	local commands='plan verify emu audit tiers platforms limits map help'
	local i nargs=0

	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --option=value: bash splits it at the '='.
	if [[ $cur == = ]]; then
		cur=''
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	# The command is the first word when it is not an option; plan otherwise.
	if ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[1]} != -* ]]; then
		cmd=${COMP_WORDS[1]}
	fi

	case $prev in
	--platform)
		if [[ $cur == */* || $cur == .* ]]; then
			_gicplan_files "$cur"
		else
			# The names gicplan platforms lists (up to its first blank line), from the
			# layouts it would read.
			_gicplan_reply "$("$gicplan" platforms 2>/dev/null | sed '/^$/,$d' | cut -d' ' -f1)" \
				"$cur"
		fi
		return 0
		;;
	--gic-version) _gicplan_reply '3 4' "$cur"; return 0 ;;
	--profile) _gicplan_reply 'arch kvm qemu' "$cur"; return 0 ;;
	--qemu-machine)
		_gicplan_reply 'virt-2.6 virt-2.7 virt-2.8 virt-2.9 virt-2.10 virt-2.11 virt-2.12
			virt-3.0 virt-3.1 virt-4.0 virt-4.1 virt-4.2 virt-5.0 virt-5.1 virt-5.2 virt-6.0
			virt-6.1 virt-6.2 virt-7.0 virt-7.1 virt-7.2' "$cur"
		return 0
		;;
	--vmm) _gicplan_reply 'qemu generic' "$cur"; return 0 ;;
	--format) _gicplan_reply 'text json junit' "$cur"; return 0 ;;
	--acpi-version) _gicplan_reply '5.1 6.0 6.5' "$cur"; return 0 ;;
	--acpi) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return 0 ;;
	-o | --out | --plan | --compat-with | --svg) _gicplan_files "$cur"; return 0 ;;
	--cpus | --ipa-bits | --spis | --ram | --boot-cpus) return 0 ;;
	esac

	if [[ $cur == -* ]]; then
		_gicplan_reply "$(_gicplan_options "$cmd")" "$cur"
		return 0
	fi
	if ((COMP_CWORD == 1)); then
		_gicplan_reply "$commands" "$cur"
		return 0
	fi
	# Positional arguments: count those before the cursor (option values are not).
	for ((i = 2; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--platform | --gic-version | --profile | --qemu-machine | --vmm | --format | -o | --out | \
			--plan | --compat-with | --svg | --cpus | --ipa-bits | --spis | --ram | --acpi | \
			--acpi-version | --boot-cpus)
			# Its value is the next word, or the one after a '='.
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
			((i++))
			;;
		-*) ;;
		*) ((nargs++)) ;;
		esac
	done
	case $cmd in
	verify | emu | map) ((nargs < 1)) && _gicplan_files "$cur" ;;
	audit) ((nargs < 2)) && _gicplan_files "$cur" ;;
	help) ((nargs < 1)) && _gicplan_reply "$commands" "$cur" ;;
	esac
	return 0
}

complete -F _gicplan gicplan
