#pragma once
// Every differentiable op (see each header for shapes and conventions).
#include "learning/nn/ops_attention.h"
#include "learning/nn/ops_elementwise.h"
#include "learning/nn/ops_embedding.h"
#include "learning/nn/ops_linalg.h"
#include "learning/nn/ops_loss.h"
#include "learning/nn/ops_norm.h"
#include "learning/nn/ops_reduce.h"
