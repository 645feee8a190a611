/* The MLPerf Tiny device protocol: command assembly, dispatch and replies. */
#include "tinyfoot_device/device.h"

/* ---- output ---------------------------------------------------------------------------- */

static void put_text(const tfd_device* d, const char* s) {
    while (*s) d->port->put_char(d->port->context, *s++);
}

static void end_line(const tfd_device* d) { put_text(d, "\r\n"); }

static void put_line(const tfd_device* d, const char* s) {
    put_text(d, s);
    end_line(d);
}

static void put_ready(const tfd_device* d) { put_line(d, "m-ready"); }

static void put_uint(const tfd_device* d, uint32_t v) {
    char buf[24];
    tfd_format_uint(buf, v);
    put_text(d, buf);
}

size_t tfd_format_uint(char* out, uint32_t value) {
    char tmp[12];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + (char)(value % 10u));
        value /= 10u;
    } while (value != 0u);
    for (i = 0; i < n; ++i) out[i] = tmp[n - 1u - i];
    out[n] = '\0';
    return n;
}

size_t tfd_format_float3(char* out, float value) {
    size_t n = 0;
    double v = (double)value;
    uint64_t scaled;
    uint32_t whole, frac;
    if (v != v) { /* NaN */
        out[0] = 'n', out[1] = 'a', out[2] = 'n', out[3] = '\0';
        return 3;
    }
    if (v < 0.0) {
        out[n++] = '-';
        v = -v;
    }
    if (v > 4294967.0) v = 4294967.0; /* keeps the integer part within 32 bits */
    scaled = (uint64_t)(v * 1000.0 + 0.5);
    whole = (uint32_t)(scaled / 1000u);
    frac = (uint32_t)(scaled % 1000u);
    n += tfd_format_uint(out + n, whole);
    out[n++] = '.';
    out[n++] = (char)('0' + (char)(frac / 100u));
    out[n++] = (char)('0' + (char)((frac / 10u) % 10u));
    out[n++] = (char)('0' + (char)(frac % 10u));
    out[n] = '\0';
    if (n == 6 && out[0] == '-' && scaled == 0u) { /* "-0.000" reads as "0.000" */
        size_t i;
        for (i = 0; i < 6; ++i) out[i] = out[i + 1];
        --n;
    }
    return n;
}

/* ---- parsing --------------------------------------------------------------------------- */

static int equal(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

/* The next space-separated token of `*cursor` into `token` (truncated to `max - 1`). */
static int next_token(const char** cursor, char* token, size_t max) {
    const char* s = *cursor;
    size_t n = 0;
    while (*s == ' ') ++s;
    if (*s == '\0') {
        token[0] = '\0';
        *cursor = s;
        return 0;
    }
    while (*s && *s != ' ') {
        if (n + 1u < max) token[n++] = *s;
        ++s;
    }
    token[n] = '\0';
    *cursor = s;
    return 1;
}

/* A decimal integer (optionally negative); 0 when `s` is not one. */
static int parse_int(const char* s, long* value) {
    long v = 0;
    int negative = 0;
    if (*s == '-') negative = 1, ++s;
    if (*s == '\0') return 0;
    while (*s) {
        if (*s < '0' || *s > '9') return 0;
        if (v > 100000000L) return 0; /* far beyond any count the protocol uses */
        v = v * 10 + (*s - '0');
        ++s;
    }
    *value = negative ? -v : v;
    return 1;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* ---- commands -------------------------------------------------------------------------- */

static void timestamp(const tfd_device* d) {
    if (d->mode == TFD_MODE_ENERGY) {
        /* Energy mode: an edge on the pin, nothing on the UART. */
        d->port->timestamp_pin(d->port->context, 0);
        d->port->delay_us(d->port->context, TFD_TIMESTAMP_PULSE_US);
        d->port->timestamp_pin(d->port->context, 1);
    } else {
        put_text(d, "m-lap-us-");
        put_uint(d, d->port->now_us(d->port->context));
        end_line(d);
    }
}

static void put_results(const tfd_device* d) {
    float scores[TFD_RESULTS_MAX];
    size_t n = d->model->results(d->model->context, scores, TFD_RESULTS_MAX), i;
    char buf[24];
    if (n > TFD_RESULTS_MAX) n = TFD_RESULTS_MAX;
    put_text(d, "m-results-[");
    for (i = 0; i < n; ++i) {
        if (i) put_text(d, ",");
        tfd_format_float3(buf, scores[i]);
        put_text(d, buf);
    }
    put_line(d, "]");
}

static void command_db(tfd_device* d, const char* rest) {
    char token[TFD_COMMAND_MAX + 1];
    const char* cursor = rest;
    if (!next_token(&cursor, token, sizeof token)) {
        put_line(d, "e-[Command 'db' expects load N, print or hex bytes]");
        return;
    }
    if (equal(token, "load")) {
        char count[TFD_COMMAND_MAX + 1];
        long n = 0;
        if (!next_token(&cursor, count, sizeof count) || !parse_int(count, &n)) {
            put_line(d, "e-[Command 'db load' expects a number of bytes]");
            return;
        }
        if (n <= 0) {
            put_line(d, "e-[Command 'db load' must be >0 bytes]");
            return;
        }
        if ((unsigned long)n > d->capacity || (unsigned long)n > TFD_INPUT_MAX) {
            put_text(d, "e-[Command 'db load' exceeds the buffer: ");
            put_uint(d, (uint32_t)n);
            put_text(d, " > ");
            put_uint(d, (uint32_t)(d->capacity < TFD_INPUT_MAX ? d->capacity : TFD_INPUT_MAX));
            put_line(d, " bytes]");
            return;
        }
        d->expected = (size_t)n;
        d->loaded = 0;
        put_text(d, "m-[Expecting ");
        put_uint(d, (uint32_t)n);
        put_line(d, " bytes]");
        return;
    }
    if (equal(token, "print")) {
        size_t i;
        for (i = 0; i < d->loaded; ++i) {
            static const char digits[] = "0123456789abcdef";
            char hex[4];
            if (i % 8u == 0u) put_text(d, "m-buffer");
            hex[0] = '-';
            hex[1] = digits[d->buffer[i] >> 4];
            hex[2] = digits[d->buffer[i] & 15u];
            hex[3] = '\0';
            put_text(d, hex);
            if (i % 8u == 7u || i + 1u == d->loaded) end_line(d);
        }
        return;
    }
    /* Hex bytes. Check them all before storing any, so a bad line changes nothing. */
    {
        size_t len = 0, i;
        while (token[len]) ++len;
        for (i = 0; i + 1u < len; i += 2u) {
            if (hex_value(token[i]) < 0 || hex_value(token[i + 1u]) < 0) {
                char msg[] = "e-[Invalid hex digit 'xx']";
                msg[22] = token[i];
                msg[23] = token[i + 1u];
                put_line(d, msg);
                return;
            }
        }
        if (len % 2u != 0u) {
            put_line(d, "e-[Insufficent number of hex digits]");
            return;
        }
        if (d->expected == 0u) {
            put_line(d, "e-[No 'db load' in progress]");
            return;
        }
        if (d->loaded + len / 2u > d->expected) {
            put_line(d, "e-[More bytes than 'db load' announced]");
            return;
        }
        for (i = 0; i < len; i += 2u)
            d->buffer[d->loaded++] = (uint8_t)(hex_value(token[i]) * 16 + hex_value(token[i + 1u]));
        if (d->loaded == d->expected) put_line(d, "m-load-done");
    }
}

static void run(const tfd_device* d, long n) {
    long i;
    for (i = 0; i < n; ++i) (void)d->model->infer(d->model->context, d->buffer, d->loaded);
}

static void command_infer(tfd_device* d, const char* rest) {
    char token[TFD_COMMAND_MAX + 1];
    const char* cursor = rest;
    long n = 0, warmup = 0;
    if (!next_token(&cursor, token, sizeof token) || !parse_int(token, &n) || n <= 0) {
        put_line(d, "e-[Inference iterations must be >0]");
        return;
    }
    if (next_token(&cursor, token, sizeof token) && (!parse_int(token, &warmup) || warmup < 0)) {
        put_line(d, "e-[Warmup iterations must be >=0]");
        return;
    }
    put_text(d, "m-warmup-start-");
    put_uint(d, (uint32_t)warmup);
    end_line(d);
    run(d, warmup);
    put_line(d, "m-warmup-done");
    put_text(d, "m-infer-start-");
    put_uint(d, (uint32_t)n);
    end_line(d);
    /* Energy mode: nothing on the UART between these two timestamps. */
    timestamp(d);
    run(d, n);
    timestamp(d);
    put_line(d, "m-infer-done");
    put_results(d);
}

static void command_help(const tfd_device* d) {
    put_line(d, "m-[name                 device name]");
    put_line(d, "m-[profile              firmware and model]");
    put_line(d, "m-[timestamp            a timestamp (UART or pin)]");
    put_line(d, "m-[db load N            expect N input bytes]");
    put_line(d, "m-[db HEX               input bytes in hex]");
    put_line(d, "m-[db print             the loaded bytes]");
    put_line(d, "m-[infer N W            W warm-up then N timed inferences]");
    put_line(d, "m-[results              scores of the last inference]");
}

void tfd_execute(tfd_device* d, const char* command) {
    char token[TFD_COMMAND_MAX + 1];
    const char* cursor = command;
    if (!next_token(&cursor, token, sizeof token)) {
        put_line(d, "e-[Unknown command: ]");
    } else if (equal(token, "name")) {
        put_text(d, "m-name-dut-[");
        put_text(d, d->vendor);
        put_line(d, "]");
    } else if (equal(token, "profile")) {
        put_text(d, "m-profile-[");
        put_text(d, d->firmware);
        put_line(d, "]");
        put_text(d, "m-model-[");
        put_text(d, d->model->code);
        put_line(d, "]");
    } else if (equal(token, "timestamp")) {
        timestamp(d);
    } else if (equal(token, "db")) {
        command_db(d, cursor);
    } else if (equal(token, "infer")) {
        command_infer(d, cursor);
    } else if (equal(token, "results")) {
        put_results(d);
    } else if (equal(token, "help")) {
        command_help(d);
    } else {
        put_text(d, "e-[Unknown command: ");
        put_text(d, token);
        put_line(d, "]");
    }
    put_ready(d);
}

void tfd_receive(tfd_device* d, char c) {
    if (c == '%') {
        if (d->command_overflow) {
            put_text(d, "e-[Command too long: more than ");
            put_uint(d, TFD_COMMAND_MAX);
            put_line(d, " characters]");
            put_ready(d);
        } else {
            d->command[d->command_length] = '\0';
            tfd_execute(d, d->command);
        }
        d->command_length = 0;
        d->command_overflow = 0;
        return;
    }
    if (d->command_length >= TFD_COMMAND_MAX) {
        d->command_overflow = 1;
        return;
    }
    d->command[d->command_length++] = c;
}

void tfd_init(tfd_device* d, const tfd_port* port, const tfd_model* model, tfd_mode mode, const char* vendor,
              const char* firmware, uint8_t* buffer, size_t capacity) {
    d->port = port;
    d->model = model;
    d->mode = mode;
    d->vendor = vendor;
    d->firmware = firmware;
    d->command_length = 0;
    d->command_overflow = 0;
    d->command[0] = '\0';
    d->buffer = buffer;
    d->capacity = capacity;
    d->expected = 0;
    d->loaded = 0;
}

void tfd_boot(tfd_device* d) {
    d->port->timestamp_pin(d->port->context, 1);
    put_line(d, d->mode == TFD_MODE_ENERGY ? "m-timestamp-mode-energy" : "m-timestamp-mode-performance");
    timestamp(d);
    put_line(d, "m-init-done");
    put_ready(d);
}
