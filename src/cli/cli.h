/* SPDX-License-Identifier: MIT */
/* The gicplan command line: commands, options, exit codes (enum gp_exit, error.h). */
#ifndef GP_CLI_H
#define GP_CLI_H

/* Run the gicplan command with @argc/@argv; returns the process exit code. */
int gp_cli_main(int argc, char **argv);

#endif
