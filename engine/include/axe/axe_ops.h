/* The one list of operators the Auto-X Engine knows.
 *
 *   #define X(ID, NAME) ...
 *   AXE_OP_LIST(X)
 *
 * expands once per op. The enum below and every per-op table derive from it; tables that
 * are written out by hand carry static_assert(AXE_OP_COUNT == N) so that adding an op here
 * fails the build until each table knows it. An op listed here is not necessarily
 * implemented: the registry (engine/compiler/ops) says which are, and an unimplemented op is
 * reported to the user as unsupported. IDs are stable within a .axm major version: append only.
 */
#ifndef AXE_OPS_H
#define AXE_OPS_H

// clang-format off
#define AXE_OP_LIST(X) \
  X(ABS, "Abs") \
  X(ACOS, "Acos") \
  X(ACOSH, "Acosh") \
  X(ADD, "Add") \
  X(AND, "And") \
  X(ARGMAX, "ArgMax") \
  X(ARGMIN, "ArgMin") \
  X(ASIN, "Asin") \
  X(ASINH, "Asinh") \
  X(ATAN, "Atan") \
  X(ATANH, "Atanh") \
  X(AVERAGE_POOL, "AveragePool") \
  X(BATCH_NORMALIZATION, "BatchNormalization") \
  X(BERNOULLI, "Bernoulli") \
  X(BIT_SHIFT, "BitShift") \
  X(BITWISE_AND, "BitwiseAnd") \
  X(BITWISE_NOT, "BitwiseNot") \
  X(BITWISE_OR, "BitwiseOr") \
  X(BITWISE_XOR, "BitwiseXor") \
  X(BLACKMAN_WINDOW, "BlackmanWindow") \
  X(CAST, "Cast") \
  X(CAST_LIKE, "CastLike") \
  X(CEIL, "Ceil") \
  X(CELU, "Celu") \
  X(CENTER_CROP_PAD, "CenterCropPad") \
  X(CLIP, "Clip") \
  X(COL2IM, "Col2Im") \
  X(COMPRESS, "Compress") \
  X(CONCAT, "Concat") \
  X(CONCAT_FROM_SEQUENCE, "ConcatFromSequence") \
  X(CONSTANT, "Constant") \
  X(CONSTANT_OF_SHAPE, "ConstantOfShape") \
  X(CONV, "Conv") \
  X(CONV_INTEGER, "ConvInteger") \
  X(CONV_TRANSPOSE, "ConvTranspose") \
  X(COS, "Cos") \
  X(COSH, "Cosh") \
  X(CUM_SUM, "CumSum") \
  X(DFT, "DFT") \
  X(DEFORM_CONV, "DeformConv") \
  X(DEPTH_TO_SPACE, "DepthToSpace") \
  X(DEQUANTIZE_LINEAR, "DequantizeLinear") \
  X(DET, "Det") \
  X(DIV, "Div") \
  X(DROPOUT, "Dropout") \
  X(DYNAMIC_QUANTIZE_LINEAR, "DynamicQuantizeLinear") \
  X(EINSUM, "Einsum") \
  X(ELU, "Elu") \
  X(EQUAL, "Equal") \
  X(ERF, "Erf") \
  X(EXP, "Exp") \
  X(EXPAND, "Expand") \
  X(EYE_LIKE, "EyeLike") \
  X(FLATTEN, "Flatten") \
  X(FLOOR, "Floor") \
  X(GRU, "GRU") \
  X(GATHER, "Gather") \
  X(GATHER_ELEMENTS, "GatherElements") \
  X(GATHER_ND, "GatherND") \
  X(GELU, "Gelu") \
  X(GEMM, "Gemm") \
  X(GLOBAL_AVERAGE_POOL, "GlobalAveragePool") \
  X(GLOBAL_LP_POOL, "GlobalLpPool") \
  X(GLOBAL_MAX_POOL, "GlobalMaxPool") \
  X(GREATER, "Greater") \
  X(GREATER_OR_EQUAL, "GreaterOrEqual") \
  X(GRID_SAMPLE, "GridSample") \
  X(GROUP_NORMALIZATION, "GroupNormalization") \
  X(HAMMING_WINDOW, "HammingWindow") \
  X(HANN_WINDOW, "HannWindow") \
  X(HARD_SIGMOID, "HardSigmoid") \
  X(HARD_SWISH, "HardSwish") \
  X(HARDMAX, "Hardmax") \
  X(IDENTITY, "Identity") \
  X(IF, "If") \
  X(INSTANCE_NORMALIZATION, "InstanceNormalization") \
  X(IS_INF, "IsInf") \
  X(IS_NAN, "IsNaN") \
  X(LRN, "LRN") \
  X(LSTM, "LSTM") \
  X(LAYER_NORMALIZATION, "LayerNormalization") \
  X(LEAKY_RELU, "LeakyRelu") \
  X(LESS, "Less") \
  X(LESS_OR_EQUAL, "LessOrEqual") \
  X(LOG, "Log") \
  X(LOG_SOFTMAX, "LogSoftmax") \
  X(LOOP, "Loop") \
  X(LP_NORMALIZATION, "LpNormalization") \
  X(LP_POOL, "LpPool") \
  X(MAT_MUL, "MatMul") \
  X(MAT_MUL_INTEGER, "MatMulInteger") \
  X(MAX, "Max") \
  X(MAX_POOL, "MaxPool") \
  X(MAX_ROI_POOL, "MaxRoiPool") \
  X(MAX_UNPOOL, "MaxUnpool") \
  X(MEAN, "Mean") \
  X(MEAN_VARIANCE_NORMALIZATION, "MeanVarianceNormalization") \
  X(MEL_WEIGHT_MATRIX, "MelWeightMatrix") \
  X(MIN, "Min") \
  X(MISH, "Mish") \
  X(MOD, "Mod") \
  X(MUL, "Mul") \
  X(MULTINOMIAL, "Multinomial") \
  X(NEG, "Neg") \
  X(NEGATIVE_LOG_LIKELIHOOD_LOSS, "NegativeLogLikelihoodLoss") \
  X(NON_MAX_SUPPRESSION, "NonMaxSuppression") \
  X(NON_ZERO, "NonZero") \
  X(NOT, "Not") \
  X(ONE_HOT, "OneHot") \
  X(OPTIONAL, "Optional") \
  X(OPTIONAL_GET_ELEMENT, "OptionalGetElement") \
  X(OPTIONAL_HAS_ELEMENT, "OptionalHasElement") \
  X(OR, "Or") \
  X(PRELU, "PRelu") \
  X(PAD, "Pad") \
  X(POW, "Pow") \
  X(QLINEAR_CONV, "QLinearConv") \
  X(QLINEAR_MAT_MUL, "QLinearMatMul") \
  X(QUANTIZE_LINEAR, "QuantizeLinear") \
  X(RNN, "RNN") \
  X(RANDOM_NORMAL, "RandomNormal") \
  X(RANDOM_NORMAL_LIKE, "RandomNormalLike") \
  X(RANDOM_UNIFORM, "RandomUniform") \
  X(RANDOM_UNIFORM_LIKE, "RandomUniformLike") \
  X(RANGE, "Range") \
  X(RECIPROCAL, "Reciprocal") \
  X(REDUCE_L1, "ReduceL1") \
  X(REDUCE_L2, "ReduceL2") \
  X(REDUCE_LOG_SUM, "ReduceLogSum") \
  X(REDUCE_LOG_SUM_EXP, "ReduceLogSumExp") \
  X(REDUCE_MAX, "ReduceMax") \
  X(REDUCE_MEAN, "ReduceMean") \
  X(REDUCE_MIN, "ReduceMin") \
  X(REDUCE_PROD, "ReduceProd") \
  X(REDUCE_SUM, "ReduceSum") \
  X(REDUCE_SUM_SQUARE, "ReduceSumSquare") \
  X(RELU, "Relu") \
  X(RESHAPE, "Reshape") \
  X(RESIZE, "Resize") \
  X(REVERSE_SEQUENCE, "ReverseSequence") \
  X(ROI_ALIGN, "RoiAlign") \
  X(ROUND, "Round") \
  X(STFT, "STFT") \
  X(SCAN, "Scan") \
  X(SCATTER, "Scatter") \
  X(SCATTER_ELEMENTS, "ScatterElements") \
  X(SCATTER_ND, "ScatterND") \
  X(SELU, "Selu") \
  X(SEQUENCE_AT, "SequenceAt") \
  X(SEQUENCE_CONSTRUCT, "SequenceConstruct") \
  X(SEQUENCE_EMPTY, "SequenceEmpty") \
  X(SEQUENCE_ERASE, "SequenceErase") \
  X(SEQUENCE_INSERT, "SequenceInsert") \
  X(SEQUENCE_LENGTH, "SequenceLength") \
  X(SEQUENCE_MAP, "SequenceMap") \
  X(SHAPE, "Shape") \
  X(SHRINK, "Shrink") \
  X(SIGMOID, "Sigmoid") \
  X(SIGN, "Sign") \
  X(SIN, "Sin") \
  X(SINH, "Sinh") \
  X(SIZE, "Size") \
  X(SLICE, "Slice") \
  X(SOFTMAX, "Softmax") \
  X(SOFTMAX_CROSS_ENTROPY_LOSS, "SoftmaxCrossEntropyLoss") \
  X(SOFTPLUS, "Softplus") \
  X(SOFTSIGN, "Softsign") \
  X(SPACE_TO_DEPTH, "SpaceToDepth") \
  X(SPLIT, "Split") \
  X(SPLIT_TO_SEQUENCE, "SplitToSequence") \
  X(SQRT, "Sqrt") \
  X(SQUEEZE, "Squeeze") \
  X(STRING_NORMALIZER, "StringNormalizer") \
  X(SUB, "Sub") \
  X(SUM, "Sum") \
  X(TAN, "Tan") \
  X(TANH, "Tanh") \
  X(TF_IDF_VECTORIZER, "TfIdfVectorizer") \
  X(THRESHOLDED_RELU, "ThresholdedRelu") \
  X(TILE, "Tile") \
  X(TOP_K, "TopK") \
  X(TRANSPOSE, "Transpose") \
  X(TRILU, "Trilu") \
  X(UNIQUE, "Unique") \
  X(UNSQUEEZE, "Unsqueeze") \
  X(UPSAMPLE, "Upsample") \
  X(WHERE, "Where") \
  X(XOR, "Xor") \
  X(ADAGRAD, "Adagrad") \
  X(ADAM, "Adam") \
  X(MOMENTUM, "Momentum") \
  X(AFFINE_GRID, "AffineGrid") \
  X(IMAGE_SCALER, "ImageScaler") \
  X(STRING_CONCAT, "StringConcat") \
  X(STRING_SPLIT, "StringSplit") \
  X(REGEX_FULL_MATCH, "RegexFullMatch") \
  X(RMS_NORMALIZATION, "RMSNormalization") \
  X(LINEAR, "Linear") \
  X(ROPE, "Rope") \
  X(CACHED_ATTENTION, "CachedAttention") \
  X(SWIGLU, "SwiGLU")

typedef enum axe_op {
  AXE_OP_INVALID = 0,
#define AXE_OP_ENUM_ENTRY(ID, NAME) AXE_OP_##ID,
  AXE_OP_LIST(AXE_OP_ENUM_ENTRY)
#undef AXE_OP_ENUM_ENTRY
  AXE_OP_COUNT
} axe_op;
// clang-format on

#endif /* AXE_OPS_H */
