#!/usr/bin/env python3
"""Fills translations/autox-studio_zh_CN.ts from the table below (run after lupdate).

Strings lupdate finds that the table lacks stay 'unfinished' and are listed on stderr, so a
missing translation is visible; the studio then shows the English source for them.
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

ZH = {
    'Dismiss': '关闭',
    'Find node by name, op type or shape (e.g. Conv, 1x64x)': '按名称、算子类型或形状查找节点（如 Conv、1x64x）',
    'Previous': '上一个',
    'Next': '下一个',
    'Fit': '适应窗口',
    'Shapes on edges': '在连线上显示形状',
    'no match': '无匹配',
    '%n match(es)': '%n 个匹配',
    '%1 of %2': '第 %1 个，共 %2 个',
    'No model open': '未打开模型',
    '%1 %': '%1 %',
    'sqrt(count)': 'sqrt(数量)',
    '#': '#',
    'Name': '名称',
    'Op': '算子',
    'Output shape': '输出形状',
    'Params': '参数量',
    'MACs': '乘加次数 (MACs)',
    'Weight bytes': '权重字节',
    'Activation bytes': '激活字节',
    'Filter by name, op or shape': '按名称、算子或形状筛选',
    'Export…': '导出…',
    'Export layer table': '导出层表',
    'CSV (*.csv);;JSON (*.json)': 'CSV (*.csv);;JSON (*.json)',
    '%1 of %2 layers   params %3   MACs %4   weights %5   activations %6':
        '显示 %1 / %2 层   参数 %3   MACs %4   权重 %5   激活 %6',
    'Cannot write %1: %2': '无法写入 %1：%2',
    'error: ': '错误：',
    'Auto-X Studio': 'Auto-X Studio',
    'Welcome': '欢迎',
    'Graph': '计算图',
    'Layers': '层',
    'Memory': '内存',
    'Summary': '概要',
    'Node inspector': '节点检查器',
    'Log': '日志',
    'Cancel': '取消',
    'Model': '模型',
    ' Input shape: ': ' 输入形状： ',
    'as declared, e.g. 1x3x48x320': '按模型声明，例如 1x3x48x320',
    'Apply': '应用',
    '&File': '文件(&F)',
    '&Open…': '打开(&O)…',
    'Open &Recent': '最近打开(&R)',
    '&Export layer table…': '导出层表(&E)…',
    '&Quit': '退出(&Q)',
    '&View': '视图(&V)',
    '&Fit graph': '计算图适应窗口(&F)',
    '&Settings': '设置(&S)',
    '&Language': '语言(&L)',
    'Replanned with %1: peak %2': '已用 %1 重新规划：峰值 %2',
    'Opening %1': '正在打开 %1',
    'Cancelled opening %1': '已取消打开 %1',
    "'%1' is not a shape: write positive dimensions joined by x, e.g. 1x3x48x320":
        '“%1”不是形状：请用 x 连接正整数维度，例如 1x3x48x320',
    '%1: no such file': '%1：文件不存在',
    '%1 — Auto-X Studio': '%1 — Auto-X Studio',
    'Opened %1: %2 nodes, import %3 ms, analysis %4 ms, plan %5 ms, layout %6 ms':
        '已打开 %1：%2 个节点，导入 %3 ms，分析 %4 ms，规划 %5 ms，布局 %6 ms',
    'Unknown input dimensions (%1): MACs, activation bytes and the memory plan leave out what depends on them. Enter an input shape in the toolbar, e.g. 1x3x48x320, and press Enter.':
        '输入维度未知（%1）：MACs、激活字节和内存规划不包含依赖这些维度的部分。请在工具栏输入形状（例如 1x3x48x320）并按回车。',
    '%1: could not be opened': '%1：无法打开',
    '%1 — still showing %2': '%1 — 仍显示 %2',
    'Open model': '打开模型',
    'ONNX models (*.onnx);;All files (*)': 'ONNX 模型 (*.onnx);;所有文件 (*)',
    'Exported the layer table to %1': '层表已导出到 %1',
    'Language': '语言',
    'The language changes when Auto-X Studio restarts.': '语言将在 Auto-X Studio 重启后生效。',
    'Tensor': '张量',
    'Producer': '生产者',
    'Size': '大小',
    'First step': '起始步',
    'Last step': '结束步',
    'Offset': '偏移',
    'Planner:': '规划器：',
    'peak %1   lower bound %2   no reuse %3   %n tensor(s)   planned in %4 ms':
        '峰值 %1   下界 %2   不复用 %3   %n 个张量   规划用时 %4 ms',
    'No memory plan: %1': '无内存规划：%1',
    'schedule step': '调度步',
    'peak %1 (%2)': '峰值 %1（%2）',
    'lower bound %1': '下界 %1',
    '%1\n%2, %3\nsteps %4..%5, offset %6\nproducer %7': '%1\n%2，%3\n步 %4..%5，偏移 %6\n生产者 %7',
    'none': '无',
    'scratch': '内核临时缓冲区',
    'subgraph (%n node(s))': '子图（%n 个节点）',
    '%n subgraph(s)': '%n 个子图',
    '%n tensor(s)': '%n 个张量',
    'Select a node in the graph or the layer table.': '请在计算图或层表中选择一个节点。',
    'Property': '属性',
    'Value': '值',
    '  weights': '  权重',
    'Graph input %1': '图输入 %1',
    'Graph output %1': '图输出 %1',
    'value': '值',
    'Node': '节点',
    'Opset': '算子集版本',
    'Family': '类别',
    'Attributes': '属性',
    'Inputs': '输入',
    '(omitted)': '（省略）',
    'Outputs': '输出',
    '<b>Weights</b> %1': '<b>权重</b> %1',
    'not numeric': '非数值',
    'count %1   min %2   max %3\nmean %4   std %5   sparsity %6 %':
        '数量 %1   最小 %2   最大 %3\n均值 %4   标准差 %5   稀疏度 %6 %',
    'Input': '输入',
    'Output': '输出',
    'Convolution': '卷积',
    'Matrix multiply': '矩阵乘',
    'Activation': '激活',
    'Pooling': '池化',
    'Normalization': '归一化',
    'Element-wise': '逐元素',
    'Reduction': '归约',
    'Shape and layout': '形状与布局',
    'Quantization': '量化',
    'Control flow': '控制流',
    'Recurrent': '循环网络',
    'Other': '其他',
    'Importing %1': '正在导入 %1',
    'Inferring shapes and counting MACs': '正在推断形状并统计 MACs',
    'Planning memory': '正在规划内存',
    'Laying out %n node(s)': '正在布局 %n 个节点',
    'Done': '完成',
    '<p>No model open.</p>': '<p>未打开模型。</p>',
    'File': '文件',
    'IR version': 'IR 版本',
    'Opsets': '算子集',
    'Nodes': '节点数',
    'Parameters': '参数量',
    ' (some shapes unknown)': '（部分形状未知）',
    'Activation bytes (sum)': '激活字节（总和）',
    'Arena (%1)': '内存池（%1）',
    'Arena lower bound': '内存池下界',
    'Arena': '内存池',
    'Passes': '优化 Pass',
    'Load / analyse / plan / layout': '加载 / 分析 / 规划 / 布局',
    'Ops': '算子',
    '<h1>Auto-X Studio</h1><p>Drop an ONNX model anywhere on this window, or open one. You will see its graph, per-layer statistics and memory plan.</p>':
        '<h1>Auto-X Studio</h1><p>将 ONNX 模型拖放到此窗口任意位置，或打开一个模型，即可查看其计算图、逐层统计和内存规划。</p>',
    'Open model…': '打开模型…',
    '<h3>Recent files</h3>': '<h3>最近打开的文件</h3>',
    '<h3>Sample models</h3>': '<h3>示例模型</h3>',
    'No recent files yet.': '暂无最近打开的文件。',
    'No sample models found.': '未找到示例模型。',
    'Optimized graph': '优化后的计算图',
    "Show the graph after the engine's passes (constant folding, BatchNorm folding, activation fusion), as it runs; off: as the file has it.":
        '显示引擎优化（常量折叠、BatchNorm 折叠、激活融合）后实际运行的计算图；关闭则按文件原样显示。',
    'off (the graph as the file has it)': '关闭（按文件原样显示计算图）',
}

# Each studio area may keep its strings in translations/zh_CN/<area>.json ({"source": "译文"}).
for extra in sorted(glob.glob(os.path.join(os.path.dirname(__file__), 'zh_CN', '*.json'))):
    with open(extra, encoding='utf-8') as f:
        ZH.update(json.load(f))

path = sys.argv[1] if len(sys.argv) > 1 else 'translations/autox-studio_zh_CN.ts'
tree = ET.parse(path)
missing = set()
for m in tree.iter('message'):
    source = m.find('source').text
    tr = m.find('translation')
    if source not in ZH:
        missing.add(source)
        continue
    for child in list(tr):
        tr.remove(child)
    tr.attrib.pop('type', None)
    if m.get('numerus') == 'yes':
        tr.text = None
        form = ET.SubElement(tr, 'numerusform')
        form.text = ZH[source]
    else:
        tr.text = ZH[source]
tree.write(path, encoding='utf-8', xml_declaration=True)
for s in sorted(missing):
    print('untranslated:', repr(s), file=sys.stderr)
sys.exit(1 if missing else 0)
