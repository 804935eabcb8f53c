/* Any operation of the Bulut Santralim API from C: libsantral prepares the
 * request (santral_api_prepare) and reads the reply
 * (santral_api_read_reply); libcurl moves the bytes.
 *
 *   SANTRAL_KEY=K... ./api_curl https://api.bulutsantralim.com hangup call_uuid=f3797dfc-...
 *
 * Prints the reply's kind and value (each record's fields as JSON) and
 * exits 0 on success, 1 when the PBX refused (its code and text on
 * stderr), 2 when the request is invalid (nothing is sent) or the
 * transport failed.
 *
 *   gcc -std=c99 api_curl.c $(pkg-config --cflags --libs santral) -lcurl -o api_curl
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "santral.h"

typedef struct {
    char *data;
    size_t len;
} buffer;

static size_t on_data(char *ptr, size_t size, size_t n, void *user) {
    buffer *b = user;
    char *grown = realloc(b->data, b->len + size * n + 1);
    if (!grown) return 0;
    b->data = grown;
    memcpy(b->data + b->len, ptr, size * n);
    b->len += size * n;
    b->data[b->len] = 0;
    return size * n;
}

static int32_t on_diagnostic(void *user, const santral_diagnostic *d) {
    (void)user;
    fprintf(stderr, "%s at %s: %s\n", d->code_id, d->path, d->message);
    return 0;
}

static int32_t on_field(void *user, size_t record, const char *name, const char *json, const char *malformed) {
    (void)user;
    printf("  [%zu] %s = %s%s%s\n", record, name, json, malformed ? "  (as sent: " : "", malformed ? malformed : "");
    if (malformed) printf(")\n");
    return 0;
}

int main(int argc, char **argv) {
    const char *key = getenv("SANTRAL_KEY");
    santral_api_param params[32];
    santral_api_buffers out;
    santral_api_request info;
    santral_api_reply reply;
    santral_result r;
    char url[8192], text[4096];
    size_t n = 0, text_len = 0;
    int i, code = 0;
    long status = 0;
    buffer body = {NULL, 0};
    CURL *curl;
    struct curl_slist *headers = NULL;

    if (argc < 3 || !key) {
        fprintf(stderr, "usage: SANTRAL_KEY=K... %s BASE_URL OPERATION [name=value]...\n", argv[0]);
        return 2;
    }
    for (i = 3; i < argc && n < 32; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "%s: expected name=value\n", argv[i]);
            return 2;
        }
        *eq = 0;
        params[n].name = argv[i];
        params[n].value = eq + 1;
        n++;
    }
    memset(&out, 0, sizeof out);
    r = santral_api_prepare(argv[2], key, params, n, SANTRAL_LANG_EN, NULL, NULL, &out, &info);
    if (r == SANTRAL_INSUFFICIENT_SIZE) {
        out.target = malloc(out.target_cap = out.target_len);
        out.body = malloc(out.body_cap = out.body_len);
        out.redacted = malloc(out.redacted_cap = out.redacted_len);
        r = santral_api_prepare(argv[2], key, params, n, SANTRAL_LANG_EN, on_diagnostic, NULL, &out, &info);
    }
    if (r != SANTRAL_OK) {
        fprintf(stderr, "not sent: %s\n", santral_result_name(r));
        code = 2;
        goto done;
    }
    fprintf(stderr, "%s\n", out.redacted); /* the key masked: safe for a log */
    snprintf(url, sizeof url, "%s%s", argv[1], out.target);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, info.method);
    if (info.content_type) {
        char ct[128];
        snprintf(ct, sizeof ct, "Content-Type: %s", info.content_type);
        headers = curl_slist_append(headers, ct);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, out.body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)out.body_len);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 70L);
    if (curl_easy_perform(curl) != CURLE_OK) {
        fprintf(stderr, "no answer\n");
        code = 2;
    } else {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        r = santral_api_read_reply(argv[2], (uint16_t)status, (const uint8_t *)(body.data ? body.data : ""), body.len,
                                   &reply, text, sizeof text, &text_len, on_field, NULL);
        if (r == SANTRAL_OK) {
            printf("%s %s", reply.kind, text);
            if (reply.id) printf("%llu", (unsigned long long)reply.id);
            printf("\n");
        } else {
            fprintf(stderr, "%s (%ld): %s\n", santral_code_id(reply.code), status, text);
            code = 1;
        }
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
done:
    free(body.data);
    free(out.target);
    free(out.body);
    free(out.redacted);
    return code;
}
