#pragma once
// Every differentiable op (see each header for shapes and conventions).
#include "learning/nn/ops_elementwise.h"
#include "learning/nn/ops_linalg.h"
#include "learning/nn/ops_loss.h"
#include "learning/nn/ops_reduce.h"
