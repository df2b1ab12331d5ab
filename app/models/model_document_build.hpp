// Steps shared by the ONNX and the .axm document builders (model_document.cpp,
// axm_document.cpp); not for views.
#pragma once

#include <atomic>

#include "model_document.hpp"

// Statistics of a graph whose value types are all known (an .axm's): params and weight bytes of
// constant inputs, MACs as axe::Model::stats() counts them (Conv, ConvTranspose, MatMul, Gemm;
// other ops 0), the op histogram.
axe::ModelStats statsOfGraph(const axe::Graph& graph, const axe::GraphTypes& types);
// doc->layers and doc->activationBytesTotal from doc->stats and doc->types.
void computeLayerFigures(ModelDocument* doc);
// doc->viewNodes and doc->layout; false when `cancel` was set meanwhile.
bool layoutDocument(ModelDocument* doc, const std::atomic<bool>* cancel);
