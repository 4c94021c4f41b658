// Reference for the Swift port (not built by anything): LIBLINEAR-style dual coordinate descent for the
// L2-regularised L2-loss SVM (LIBLINEAR solver 1) with a bias feature (B = 1), one binary problem per
// call, as used for RECIPE.md step 5 (eps 0.1, max_iter 1000, shrinking, xorshift permutation).
// X is CSR (float32), y is +1/-1, cw[k] = C x instance weight of example k.
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>

static uint64_t rng_state = 88172645463325252ULL;
static inline uint64_t xorshift(void) { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17; return rng_state; }

// y: +1/-1 per row; cw: per-row C (C * instance weight); w: output, length d+1 (last = bias weight)
// rows: optional subset of row indices (n_rows entries); if NULL all rows 0..n-1
// returns iterations used
int dcd_l2svm(int n_rows, const int *rows, const int64_t *indptr, const int *indices, const float *data,
              const float *sqnorm, const signed char *y, const float *cw, int d, float *w,
              double eps, int max_iter, uint64_t seed, float *alpha_ws, int *index_ws)
{
    rng_state = seed ? seed : 88172645463325252ULL;
    memset(w, 0, sizeof(float) * (d + 1));
    float *alpha = alpha_ws; int *index = index_ws;
    for (int s = 0; s < n_rows; s++) { alpha[s] = 0; index[s] = s; }
    double PGmax_old = INFINITY, PGmin_old = -INFINITY;
    int active = n_rows, iter = 0;
    while (iter < max_iter) {
        double PGmax_new = -INFINITY, PGmin_new = INFINITY;
        for (int s = 0; s < active; s++) { int j = s + (int)(xorshift() % (uint64_t)(active - s)); int t = index[s]; index[s] = index[j]; index[j] = t; }
        for (int s = 0; s < active; s++) {
            int k = index[s]; int i = rows ? rows[k] : k; double yi = y[k];
            double diag = 0.5 / cw[k];
            double dot = w[d];  // bias feature value 1
            for (int64_t p = indptr[i]; p < indptr[i + 1]; p++) dot += w[indices[p]] * data[p];
            double G = yi * dot - 1.0 + alpha[k] * diag;
            double PG = 0;
            if (alpha[k] == 0) {
                if (G > PGmax_old) { active--; int t = index[s]; index[s] = index[active]; index[active] = t; s--; continue; }
                else if (G < 0) PG = G;
            } else PG = G;
            if (PG > PGmax_new) PGmax_new = PG;
            if (PG < PGmin_new) PGmin_new = PG;
            if (fabs(PG) > 1e-12) {
                double QD = sqnorm[i] + 1.0 + diag;
                double a_old = alpha[k]; double a_new = a_old - G / QD; if (a_new < 0) a_new = 0;
                alpha[k] = (float)a_new;
                double dlt = (a_new - a_old) * yi;
                if (dlt != 0) {
                    for (int64_t p = indptr[i]; p < indptr[i + 1]; p++) w[indices[p]] += (float)(dlt * data[p]);
                    w[d] += (float)dlt;
                }
            }
        }
        iter++;
        if (PGmax_new - PGmin_new <= eps) {
            if (active == n_rows) break;
            active = n_rows; PGmax_old = INFINITY; PGmin_old = -INFINITY; continue;
        }
        PGmax_old = PGmax_new; PGmin_old = PGmin_new;
        if (PGmax_old <= 0) PGmax_old = INFINITY;
        if (PGmin_old >= 0) PGmin_old = -INFINITY;
    }
    return iter;
}
