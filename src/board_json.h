/* SPDX-License-Identifier: MIT */
/*
 * The board (model, cpus, psci, timer, RAM, devices) in JSON: the part of a
 * layout file and of a plan file that is not the GIC. One reader, one writer,
 * so that a plan says exactly what a layout says.
 */
#ifndef GP_BOARD_JSON_H
#define GP_BOARD_JSON_H

#include <jansson.h>

#include "board.h"
#include "json_in.h"

/*
 * The keys gp_board_from_json reads: GP_BOARD_KEYS for a longer list of
 * allowed keys (a layout file's), gp_board_keys NULL-terminated on its own.
 */
#define GP_BOARD_KEYS                                                                   \
	"model", "compatible", "cpu", "psci", "timer", "pmu", "ram", "devices", "stdout",  \
	"gic_node", "gpio_keys"

extern const char *const gp_board_keys[];

/*
 * Read the board keys of @obj into @b (other keys are the caller's). Checks
 * types, ranges, unique device names, windows each type allows, 4 KiB aligned
 * device windows, a console for "stdout", device SPIs that no two devices
 * share, and timer and PMU PPIs that are each used once. Errors name file and JSON path.
 */
int gp_board_from_json(struct gp_jin *j, json_t *obj, struct gp_board *b);

/*
 * Whether @ppi is free of the board's timer and PMU PPIs (read so far); when
 * not, fails at @j's current path naming the user. Returns 0 or -1.
 */
int gp_board_ppi_taken(struct gp_jin *j, const struct gp_board *b, uint32_t ppi);

/* Add the board keys to @obj. */
void gp_board_to_json(const struct gp_board *b, json_t *obj);

/* The JSON path of device @name within a board ("$.devices[3]"), or "$.devices". */
void gp_board_device_path(const struct gp_board *b, const char *name, char *buf, size_t cap);

#endif
