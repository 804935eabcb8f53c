/*
 * A small webhook handler: reads a call-event body (the form the PBX POSTs
 * to the CRM integration's notification URL) from standard input and
 * prints the Logo CRM IPS_callAnswered JSON for it. A verification ping
 * (empty body or {}) or an event other than the trigger prints nothing
 * and exits 0; an invalid event, or one Logo CRM cannot take (an answer
 * without the extension that answered: logo.no_extension), prints why to
 * standard error and exits 1, as `santral convert logo` does.
 *
 *   cc -std=c99 -Iinclude examples/c/webhook_to_logo.c target/release/libsantral.a -lpthread -ldl -lm
 *   printf 'event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A1' | ./a.out
 */
#include <stdio.h>
#include <stdlib.h>

#include "santral.h"

static int32_t print_diagnostic(void *user, const santral_diagnostic *d) {
    (void)user;
    fprintf(stderr, "%s %s at %s (byte %zu): %s\n", d->severity == SANTRAL_SEVERITY_ERROR ? "error" : "warning",
            d->code_id, d->path, d->offset, d->message);
    return 0;
}

int main(void) {
    static uint8_t body[65536];
    size_t len = fread(body, 1, sizeof body, stdin);
    char json[1024];
    size_t json_len = 0;
    santral_report report;
    santral_error error;
    santral_result r;
    santral_logo_options options = {SANTRAL_LOGO_TRIGGER_ANSWER, NULL, SANTRAL_LOGO_CALLER_NATIONAL, 1};

    if (santral_check("call-event", body, len, NULL, SANTRAL_LANG_EN, print_diagnostic, NULL, &report) != SANTRAL_OK) {
        return 1;
    }
    r = santral_logo_from_event(body, len, &options, json, sizeof json, &json_len, &error);
    if (r == SANTRAL_OK) {
        printf("%s\n", json);
        return 0;
    }
    /* A ping, or an event other than the trigger: nothing to send. */
    if (r == SANTRAL_NOT_APPLICABLE || (r == SANTRAL_INVALID && error.code == santral_code_number("webhook.ping"))) {
        return 0;
    }
    if (r == SANTRAL_INVALID) {
        fprintf(stderr, "error %s at %s: %s\n", santral_code_id(error.code), error.path,
                santral_code_message(error.code, SANTRAL_LANG_EN));
    } else {
        fprintf(stderr, "error: %s\n", santral_result_name((uint32_t)r));
    }
    return 1;
}
