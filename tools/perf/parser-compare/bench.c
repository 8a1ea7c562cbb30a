/*
 * Side-by-side parser figures for docs/performance.md ("Parser", issue 14 target 4):
 * Debian's sofia-sip (msg_make, then the reads ParserBenchmarks.ParseNotifyReadCompare
 * does) and a memchr floor (find every line end of the header) over the same bytes, the
 * shared bench NOTIFY. Prints ns/op as the median and the minimum of several runs and the
 * best short batch, one "name=value" per line, for run.sh.
 *
 * Build: see run.sh (gcc -O2 ... $(pkg-config --cflags --libs sofia-sip-ua)).
 * Usage: bench <message file> [runs]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sofia-sip/su_alloc.h>
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_parser.h>

/* Keeps the compiler from dropping work whose result is otherwise unused. */
static volatile size_t sink;

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* msg_make parses the whole message (every header into its structure); then the same reads
 * as our benchmark: method, Call-ID, CSeq, From tag, To tag, Event package,
 * Subscription-State, Content-Length and the body. */
static size_t sofia_parse_and_read(const char *data, size_t len)
{
    msg_t *msg = msg_make(sip_default_mclass(), 0, data, (ssize_t)len);
    sip_t const *sip = sip_object(msg);
    size_t sum = 0;
    if (sip == NULL || sip->sip_request == NULL) {
        fprintf(stderr, "sofia-sip did not parse the bench message as a request\n");
        exit(2);
    }
    sum += strlen(sip->sip_request->rq_method_name);
    sum += sip->sip_call_id ? strlen(sip->sip_call_id->i_id) : 0;
    sum += sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
    sum += sip->sip_from && sip->sip_from->a_tag ? strlen(sip->sip_from->a_tag) : 0;
    sum += sip->sip_to && sip->sip_to->a_tag ? strlen(sip->sip_to->a_tag) : 0;
    sum += sip->sip_event ? strlen(sip->sip_event->o_type) : 0;
    sum += sip->sip_subscription_state ? strlen(sip->sip_subscription_state->ss_substate) : 0;
    sum += sip->sip_content_length ? sip->sip_content_length->l_length : 0;
    sum += sip->sip_payload ? sip->sip_payload->pl_len : 0;
    msg_destroy(msg);
    return sum;
}

/* The floor: every LF of the header section found with memchr, stopping at the empty line. */
static size_t memchr_floor(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    size_t lines = 0;
    for (;;) {
        const char *lf = memchr(p, '\n', (size_t)(end - p));
        if (lf == NULL)
            break;
        lines++;
        p = lf + 1;
        if (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')))
            break; /* empty line: the body starts here */
    }
    return lines;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* runs timed runs of iterations calls each: median and minimum ns per call over the runs.
 * Also the best short batch (batch calls, well inside one scheduler time slice) over all runs:
 * on a machine shared with other work the runs' figures include time other processes ran,
 * the best batch mostly does not. */
static void measure(const char *name, size_t (*op)(const char *, size_t), const char *data, size_t len,
                    int runs, long iterations, long batch)
{
    double *per_op = calloc((size_t)runs, sizeof *per_op);
    double best_batch = 1e300;
    for (long i = 0; i < iterations / 10; i++) /* warm up caches and the allocator */
        sink += op(data, len);
    for (int r = 0; r < runs; r++) {
        double start = now_ns();
        for (long done = 0; done < iterations; done += batch) {
            double batch_start = now_ns();
            for (long i = 0; i < batch; i++)
                sink += op(data, len);
            double batch_ns = (now_ns() - batch_start) / (double)batch;
            if (batch_ns < best_batch)
                best_batch = batch_ns;
        }
        per_op[r] = (now_ns() - start) / (double)iterations;
    }
    qsort(per_op, (size_t)runs, sizeof *per_op, compare_double);
    printf("%s_median_ns=%.1f\n%s_min_ns=%.1f\n%s_best_batch_ns=%.1f\n", name, per_op[runs / 2], name, per_op[0],
           name, best_batch);
    free(per_op);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <message file> [runs]\n", argv[0]);
        return 64;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 9;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 66;
    }
    static char data[65536];
    size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    if (runs < 1)
        runs = 1;
    /* The same sum ParserBenchmarks.ParseNotifyReadCompare returns: proof both read the same fields. */
    printf("message_bytes=%zu\nruns=%d\nsofia_read_sum=%zu\n", len, runs, sofia_parse_and_read(data, len));
    measure("sofia", sofia_parse_and_read, data, len, runs, 50000, 200);
    measure("memchr", memchr_floor, data, len, runs, 2000000, 20000);
    return 0;
}
