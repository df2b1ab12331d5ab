// The engine's intermediate representation: a graph of nodes over values.
//
//   Graph g;
//   int x = g.add_value("x", TypeInfo::tensor(DType::kFloat32, {1, 3, -1, -1}));
//   g.inputs.push_back(x);
//   int n = g.add_node("Relu", "relu0", {x}, {g.add_value("y")});
//
// Values are tensors, sequences of tensors, or optionals; a value may carry constant data
// (an initializer or a folded result). Nodes keep ONNX op names and attributes, plus the op id
// resolved against the registry. Subgraphs (If/Loop/Scan bodies) hang off attributes and name
// the outer values they read in `captures`; the importer copies those onto the owning node as
// implicit inputs so that liveness and ordering see them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "axe/axe.h"
#include "ir/status.hpp"
#include "ir/tensor.hpp"

namespace axe {

enum class ValueKind : uint8_t { kTensor, kSequence, kOptional };

// The static type of a value. For a sequence or optional, dtype/shape describe the elements
// (element_kind says whether an optional wraps a tensor or a sequence). A shape dimension of
// -1 is unknown; `rank_known` false means even the rank is unknown.
struct TypeInfo {
  ValueKind kind = ValueKind::kTensor;
  ValueKind element_kind = ValueKind::kTensor;
  DType dtype = DType::kUndefined;
  Shape shape;
  bool rank_known = false;
  std::vector<std::string> dim_names;  // symbolic names (ONNX dim_param), "" where none

  static TypeInfo tensor(DType t, Shape s) {
    TypeInfo ti;
    ti.dtype = t;
    ti.shape = std::move(s);
    ti.rank_known = true;
    return ti;
  }
  bool shape_known() const {
    if (!rank_known) return false;
    for (int64_t d : shape)
      if (d < 0) return false;
    return true;
  }
  bool is_tensor() const { return kind == ValueKind::kTensor; }
  std::string to_string() const;
};

struct Graph;

struct Attribute {
  enum class Type : uint8_t {
    kUndefined,
    kFloat,
    kInt,
    kString,
    kTensor,
    kGraph,
    kFloats,
    kInts,
    kStrings,
    kTensors,
    kGraphs,
    kTypeProto
  };
  Type type = Type::kUndefined;
  float f = 0;
  int64_t i = 0;
  std::string s;
  Tensor t;
  std::shared_ptr<Graph> g;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
  std::vector<Tensor> tensors;
  std::vector<std::shared_ptr<Graph>> graphs;
  TypeInfo type_proto;
};

struct Value {
  std::string name;
  TypeInfo type;
  std::optional<Tensor> constant;  // known data: initializer or folded
  int producer = -1;               // node index, -1 for graph inputs / constants / captures
  bool is_capture = false;         // read from an enclosing graph by name
};

struct Node {
  std::string name;
  std::string op_type;  // as in the model ("Conv")
  std::string domain;   // "" for ai.onnx
  axe_op op = AXE_OP_INVALID;
  int opset = 0;                     // version of the node's domain the model imports
  std::vector<int> inputs;           // value ids; -1 for an omitted optional input
  std::vector<int> outputs;          // value ids; -1 for an omitted optional output
  std::vector<int> implicit_inputs;  // outer values read by subgraphs (captures)
  std::map<std::string, Attribute> attrs;

  const Attribute* attr(const std::string& key) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? nullptr : &it->second;
  }
  // "node 'conv1' (Conv)": how errors name a node.
  std::string label() const;
};

struct Graph {
  std::string name;
  std::vector<Value> values;
  std::vector<Node> nodes;  // in execution order after topological_sort()
  std::vector<int> inputs;
  std::vector<int> outputs;
  std::vector<int> captures;          // values bound from an enclosing scope at run time
  std::vector<int> states;  // persistent tensors (KV caches): in the arena for the whole program,
                            // zero at first, kept across runs; ops that own them write them
  std::map<std::string, int> opsets;  // domain -> version ("" = ai.onnx)

  int add_value(std::string name, TypeInfo type = {});
  int add_node(std::string op_type, std::string name, std::vector<int> inputs,
               std::vector<int> outputs);
  int find_value(const std::string& name) const;  // -1 if absent

  // Orders nodes so that each runs after its producers; fails naming a node on a cycle.
  Status topological_sort();
  // Recomputes Value::producer from the node list.
  void rebuild_producers();
  // Per value: number of nodes (and graph outputs) that read it.
  std::vector<int> use_counts() const;
  // True if the value is a graph output.
  bool is_output(int value) const;
};

}  // namespace axe
