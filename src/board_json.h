/*
 * The board (model, cpus, psci, timer, RAM, devices) in JSON: the part of a
 * layout file and of a plan file that is not the GIC. One reader, one writer,
 * so that a plan says exactly what a layout says.
 */
#ifndef GP_BOARD_JSON_H
#define GP_BOARD_JSON_H

#include <jansson.h>

#include "json_in.h"
#include "layout.h"

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
 * device windows, and a console for "stdout". Errors name file and JSON path.
 */
int gp_board_from_json(struct gp_jin *j, json_t *obj, struct gp_board *b);

/* Add the board keys to @obj. */
void gp_board_to_json(const struct gp_board *b, json_t *obj);

/* The JSON path of device @name within a board ("$.devices[3]"), or "$.devices". */
void gp_board_device_path(const struct gp_board *b, const char *name, char *buf, size_t cap);

#endif
