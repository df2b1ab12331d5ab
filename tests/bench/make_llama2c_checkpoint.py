#!/usr/bin/env python3
"""Writes a llama2.c checkpoint (legacy v0) and tokenizer with random weights in the shape of a
published tinyllamas model, for speed measurements when the real file is not at hand: the text
is meaningless, the work per token is the real model's. BOS's embedding row is zero so greedy
decoding (shared classifier) does not stop early.

  make_llama2c_checkpoint.py stories15M OUT_DIR   # writes OUT_DIR/stories15M-random.bin, tok32000-random.bin
"""
import array
import os
import random
import struct
import sys

SHAPES = {  # dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len (karpathy/tinyllamas)
    "stories15M": (288, 768, 6, 6, 6, 32000, 256),
    "stories42M": (512, 1376, 8, 8, 8, 32000, 1024),
}


def main():
    name, out_dir = sys.argv[1], sys.argv[2]
    dim, hidden, layers, heads, kv_heads, vocab, seq_len = SHAPES[name]
    head_size = dim // heads
    kv_dim = dim * kv_heads // heads
    rng = random.Random(1234)

    def floats(n, scale, base=0.0):
        return array.array("f", (base + rng.uniform(-scale, scale) for _ in range(n)))

    os.makedirs(out_dir, exist_ok=True)
    model = os.path.join(out_dir, f"{name}-random.bin")
    with open(model, "wb") as f:
        f.write(struct.pack("<7i", dim, hidden, layers, heads, kv_heads, vocab, seq_len))
        emb = floats(vocab * dim, 0.5)
        for i in range(dim):
            emb[dim + i] = 0.0  # BOS
        emb.tofile(f)
        floats(layers * dim, 0.1, 1.0).tofile(f)  # rms_att
        floats(layers * dim * dim, 0.05).tofile(f)  # wq
        floats(layers * kv_dim * dim, 0.05).tofile(f)  # wk
        floats(layers * kv_dim * dim, 0.05).tofile(f)  # wv
        floats(layers * dim * dim, 0.05).tofile(f)  # wo
        floats(layers * dim, 0.1, 1.0).tofile(f)  # rms_ffn
        floats(layers * hidden * dim, 0.05).tofile(f)  # w1
        floats(layers * dim * hidden, 0.05).tofile(f)  # w2
        floats(layers * hidden * dim, 0.05).tofile(f)  # w3
        floats(dim, 0.1, 1.0).tofile(f)  # rms_final
        array.array("f", bytes(4 * seq_len * head_size)).tofile(f)  # freq_cis real + imag
    tok = os.path.join(out_dir, f"tok{vocab}-random.bin")
    with open(tok, "wb") as f:
        f.write(struct.pack("<i", 8))
        for i in range(vocab):
            piece = {0: b"<unk>", 1: b"\n<s>\n", 2: b"\n</s>\n"}.get(i, b" w%d" % i)
            f.write(struct.pack("<fi", -float(i), len(piece)) + piece)
    print(model, tok)


if __name__ == "__main__":
    main()
