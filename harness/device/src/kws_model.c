#include "tinyfoot_device/kws_model.h"

static int kws_infer(void* context, const uint8_t* input, size_t size) {
    tfd_kws_model* m = (tfd_kws_model*)context;
    size_t i;
    for (i = 0; i < TFD_KWS_INPUT_SIZE; ++i) m->input[i] = i < size ? (int8_t)input[i] : (int8_t)0;
    tfd_kws_infer(&m->network, m->input);
    return 0;
}

static size_t kws_results(void* context, float* scores, size_t max) {
    const tfd_kws_model* m = (const tfd_kws_model*)context;
    size_t i, n = max < TFD_KWS_CLASSES ? max : TFD_KWS_CLASSES;
    for (i = 0; i < n; ++i) scores[i] = m->network.scores[i];
    return n;
}

void tfd_kws_model_init(tfd_kws_model* m, uint32_t seed) {
    size_t i;
    tfd_kws_init(&m->network, seed);
    for (i = 0; i < TFD_KWS_CLASSES; ++i) m->network.scores[i] = 0.0f;
    m->model.context = m;
    m->model.code = "kws01";
    m->model.infer = kws_infer;
    m->model.results = kws_results;
}
