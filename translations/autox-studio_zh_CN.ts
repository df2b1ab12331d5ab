<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AxmDocument</name>
    <message>
        <location filename="../app/models/axm_document.cpp" line="214" />
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="224" />
        <source>%1: cannot read the file: %2</source>
        <translation>%1：无法读取文件：%2</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="231" />
        <source>%1: not a valid .axm (the flatbuffers verifier refuses it)</source>
        <translation>%1：不是有效的 .axm（flatbuffers 校验未通过）</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="308" />
        <source>Counting parameters and MACs</source>
        <translation>正在统计参数量和乘加次数</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="320" />
        <source>Reading the stored memory plan</source>
        <translation>正在读取文件中保存的内存规划</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="405" />
        <source>The source graph: the .axm holds the compiled operators, after constant folding, BatchNorm folding and activation fusion (fused activations are shown as the 'activation' attribute). Open the ONNX file to see the graph as exported.</source>
        <translation>源计算图：.axm 保存的是编译后的算子（已做常量折叠、BatchNorm 折叠和激活融合；融合的激活显示为 'activation' 属性）。打开 ONNX 文件可查看导出时的计算图。</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="410" />
        <source>ONNX attributes, opsets and the IR version: the .axm keeps the resolved parameters (kernel, stride, pads, axes ...) only.</source>
        <translation>ONNX 属性、算子集和 IR 版本：.axm 只保存解析后的参数（kernel、stride、pads、axes 等）。</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="414" />
        <source>The planner that placed the arena: the memory page shows the stored offsets; comparing planners needs the ONNX file.</source>
        <translation>安排内存池的规划算法：内存页显示文件中保存的偏移；比较规划算法需要 ONNX 文件。</translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="420" />
        <source>Pre-processing: the file does not say how to turn an image into the input (convert with --resize/--color-order/--mean/--std to store it).</source>
        <translation>预处理：文件未说明如何把图像转换为输入（转换时加 --resize/--color-order/--mean/--std 可保存）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/models/axm_document.cpp" line="426" />
        <source>Laying out %n node(s)</source>
        <translation><numerusform>正在布局 %n 个节点</numerusform></translation>
    </message>
    <message>
        <location filename="../app/models/axm_document.cpp" line="428" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>DetectionTableModel</name>
    <message>
        <location filename="../app/models/detection_table_model.cpp" line="69" />
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../app/models/detection_table_model.cpp" line="71" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../app/models/detection_table_model.cpp" line="73" />
        <source>Box (x1, y1 – x2, y2)</source>
        <translation>框 (x1, y1 – x2, y2)</translation>
    </message>
    <message>
        <location filename="../app/models/detection_table_model.cpp" line="75" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../app/studio/device_page.cpp" line="163" />
        <source>Folder with input_0.pb, input_1.pb …</source>
        <translation>包含 input_0.pb、input_1.pb … 的文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="201" />
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="270" />
        <source>Enter a board: sim, qemu, serial:/dev/ttyUSB0?baud=921600 or tcp:HOST:PORT.</source>
        <translation>请输入开发板：sim、qemu、serial:/dev/ttyUSB0?baud=921600 或 tcp:主机:端口。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="274" />
        <source>Connecting to %1 …</source>
        <translation>正在连接 %1 …</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="286" />
        <source>Open a model first (File &gt; Open), then flash it.</source>
        <translation>请先打开模型（文件 &gt; 打开），再烧录。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="369" />
        <source>Boards</source>
        <translation>开发板</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="370" />
        <location filename="../app/studio/device_page.cpp" line="407" />
        <source>Board</source>
        <translation>开发板</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="370" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="370" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="371" />
        <source>Port or URI:</source>
        <translation>端口或 URI：</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="372" />
        <source>sim, qemu, serial:/dev/ttyUSB0?baud=921600, tcp:HOST:PORT</source>
        <translation>sim、qemu、serial:/dev/ttyUSB0?baud=921600、tcp:主机:端口</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="373" />
        <source>Baud:</source>
        <translation>波特率：</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="374" />
        <source>Line rate for serial: boards (8N1)</source>
        <translation>serial: 开发板的线路速率（8N1）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="375" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="376" />
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="377" />
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="378" />
        <source>Board facts</source>
        <translation>开发板信息</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="379" />
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="379" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="380" />
        <location filename="../app/studio/device_page.cpp" line="381" />
        <location filename="../app/studio/device_page.cpp" line="410" />
        <source>Flash</source>
        <translation>烧录</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="382" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="383" />
        <source>Run on the board</source>
        <translation>在开发板上运行</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="384" />
        <source>Link: counters and the last frames</source>
        <translation>链路：计数与最近的帧</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="385" />
        <source>No frames yet.</source>
        <translation>尚无帧。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="386" />
        <source>Run and compare</source>
        <translation>运行并比较</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="387" />
        <source>Inputs…</source>
        <translation>输入…</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="388" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="388" />
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="388" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="388" />
        <source>Elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="389" />
        <source>Max abs error</source>
        <translation>最大绝对误差</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="389" />
        <source>Cosine</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="389" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="392" />
        <source>Not connected. Pick a board above or type its port, then Connect.</source>
        <translation>未连接。请在上方选择开发板或输入其端口，然后点击“连接”。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="394" />
        <source>Connected to %1 (%2)</source>
        <translation>已连接 %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="408" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="409" />
        <source>RAM</source>
        <translation>RAM</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="411" />
        <source>Model slot</source>
        <translation>模型槽</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="411" />
        <source>%1 each (A and B)</source>
        <translation>每个 %1（A 和 B）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="412" />
        <source>Arena for models</source>
        <translation>模型可用内存池</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="413" />
        <source>Agent</source>
        <translation>代理程序</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="413" />
        <source>%1, protocol %2</source>
        <translation>%1，协议 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="414" />
        <source>Link</source>
        <translation>链路</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="414" />
        <source>%1; frames up to %2 bytes, %3 in flight</source>
        <translation>%1；帧最大 %2 字节，同时在途 %3 个</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="418" />
        <source>Runtime</source>
        <translation>运行时</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/device_page.cpp" line="418" />
        <source>yes: %n op(s)</source>
        <translation><numerusform>有：%n 个算子</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="419" />
        <source>no (upload only)</source>
        <translation>无（仅上传）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="420" />
        <source>Data types</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="422" />
        <source>Ops</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="429" />
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="430" />
        <source>partial</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="431" />
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="434" />
        <source>, %1 of %2, SHA-256 %3…</source>
        <translation>，%1/%2，SHA-256 %3…</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="436" />
        <source> (active)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="437" />
        <source>Slot %1</source>
        <translation>槽 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="446" />
        <source>No model open. Open an ONNX or .axm model, then flash it.</source>
        <translation>未打开模型。请打开 ONNX 或 .axm 模型，然后烧录。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="451" />
        <source>%1 (.axm, %2) is flashed as it is.</source>
        <translation>%1（.axm，%2）按原样烧录。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="453" />
        <source>%1 is converted to .axm in the background (as `autox convert` does), then flashed.</source>
        <translation>%1 会先在后台转换为 .axm（与 `autox convert` 相同），然后烧录。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="460" />
        <source>Starting …</source>
        <translation>正在开始 …</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="462" />
        <source>%1: %2 of %3, %4, %5 left%6</source>
        <translation>%1：%2/%3，%4，剩余 %5%6</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="466" />
        <source> (resumed from %1)</source>
        <translation>（从 %1 续传）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="469" />
        <source>Cancelled at %1 of %2. The board keeps its active model; the next Flash of this model resumes.</source>
        <translation>已在 %1/%2 处取消。开发板保留当前模型；下次烧录此模型时将续传。</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="475" />
        <source>Flashed %1 to slot %2 in %3 (%4)%5%6. SHA-256 %7…</source>
        <translation>已将 %1 烧录到槽 %2，用时 %3（%4）%5%6。SHA-256 %7…</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="478" />
        <source>, resumed from %1</source>
        <translation>，从 %1 续传</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="480" />
        <source>, active</source>
        <translation>，已启用</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="480" />
        <source>, not committed</source>
        <translation>，未提交</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="488" />
        <source>Inputs: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="491" />
        <source>Inputs: seeded random data (no reference inputs next to the model; choose a folder of input_&lt;i&gt;.pb files)</source>
        <translation>输入：固定种子的随机数据（模型旁没有参考输入；可选择包含 input_&lt;i&gt;.pb 文件的文件夹）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="493" />
        <source>Inputs: %1 (reference inputs)</source>
        <translation>输入：%1（参考输入）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="495" />
        <source>Inputs: the model's reference inputs (input_&lt;i&gt;.pb)</source>
        <translation>输入：模型的参考输入（input_&lt;i&gt;.pb）</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="504" />
        <source>bit-exact</source>
        <translation>逐位一致</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="505" />
        <source>within tolerance</source>
        <translation>在容差内</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="506" />
        <source>differs</source>
        <translation>不一致</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="519" />
        <source>Board: %1 ms for the run with transfers, %2 layers, counter %3 (%4). Host engine: %5 ms. Inputs: %6</source>
        <translation>开发板：含传输共 %1 毫秒，%2 层，计数 %3（%4）。主机引擎：%5 毫秒。输入：%6</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="524" />
        <source>instructions, not cycles</source>
        <translation>指令数，非时钟周期</translation>
    </message>
    <message>
        <location filename="../app/studio/device_page.cpp" line="525" />
        <source>the board's clock</source>
        <translation>开发板时钟</translation>
    </message>
</context>
<context>
    <name>DeviceWorker</name>
    <message>
        <location filename="../app/models/device_worker.cpp" line="126" />
        <source>serial %1</source>
        <translation>序列号 %1</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="127" />
        <source>serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="134" />
        <source>Simulated board (starts on first use; flash kept in %1)</source>
        <translation>模拟板（首次使用时启动；闪存保存在 %1）</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="136" />
        <source>Simulated board, running at %1</source>
        <translation>模拟板，运行于 %1</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="140" />
        <source>QEMU mps2-an386 (Cortex-M4F) running %1; counts are instructions, not cycles</source>
        <translation>QEMU mps2-an386（Cortex-M4F），运行 %1；计数为指令数而非时钟周期</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="208" />
        <source>Disconnected from %1</source>
        <translation>已断开与 %1 的连接</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="227" />
        <source>%1 requests, %2 resent, %3 timeouts, %4 damaged frames; %5 sent, %6 received</source>
        <translation>%1 个请求，重发 %2 次，超时 %3 次，损坏帧 %4 个；已发送 %5，已接收 %6</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="311" />
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="319" />
        <source>Connected to %1 (%2): %3, %4</source>
        <translation>已连接 %1（%2）：%3，%4</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="336" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="354" />
        <source>Converting %1 to .axm failed: %2</source>
        <translation>将 %1 转换为 .axm 失败：%2</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="370" />
        <location filename="../app/models/device_worker.cpp" line="374" />
        <location filename="../app/models/device_worker.cpp" line="387" />
        <location filename="../app/models/device_worker.cpp" line="438" />
        <location filename="../app/models/device_worker.cpp" line="451" />
        <source>Flash</source>
        <translation>烧录</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="370" />
        <location filename="../app/models/device_worker.cpp" line="467" />
        <source>No board connected: pick one and press Connect.</source>
        <translation>未连接开发板：请选择一块板并点击“连接”。</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="374" />
        <source>No model open: open an ONNX or .axm model first.</source>
        <translation>未打开模型：请先打开 ONNX 或 .axm 模型。</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="383" />
        <source>Converting to .axm</source>
        <translation>正在转换为 .axm</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="393" />
        <source>Converted %1 to .axm: %2 bytes in %3 ms</source>
        <translation>已将 %1 转换为 .axm：%2 字节，用时 %3 毫秒</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="419" />
        <source>Uploading</source>
        <translation>正在上传</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="432" />
        <source>Flash cancelled at %1 of %2 bytes; the board keeps its active model and the next flash of this model resumes</source>
        <translation>烧录在 %1/%2 字节处取消；开发板保留当前模型，下次烧录此模型时将断点续传</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="452" />
        <source>Flashed %1 bytes to slot %2 in %3 s (%4 kB/s)%5</source>
        <translation>已将 %1 字节烧录到槽 %2，用时 %3 秒（%4 kB/s）%5</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="458" />
        <source>, resumed from byte %1</source>
        <translation>，从第 %1 字节续传</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="467" />
        <location filename="../app/models/device_worker.cpp" line="471" />
        <location filename="../app/models/device_worker.cpp" line="476" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="471" />
        <source>No model open: open the model that is on the board.</source>
        <translation>未打开模型：请打开开发板上的那个模型。</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="493" />
        <source>The board's active model is not %1: press Flash first.</source>
        <translation>开发板当前的模型不是 %1：请先点击“烧录”。</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="534" />
        <source>%1 has no input_%2.pb for the model input '%3' (%4)</source>
        <translation>%1 中没有模型输入 '%3'（%4）对应的 input_%2.pb</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="542" />
        <source>seeded random inputs (no reference inputs next to the model)</source>
        <translation>固定种子的随机输入（模型旁没有参考输入）</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="548" />
        <source>Input %1 (%2 bytes) does not match the board's input '%3' (%4, %5 bytes)</source>
        <translation>输入 %1（%2 字节）与开发板的输入 '%3'（%4，%5 字节）不匹配</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="576" />
        <source>The board returned %1 outputs, the host engine %2</source>
        <translation>开发板返回 %1 个输出，主机引擎返回 %2 个</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="589" />
        <source>Output '%1' has dtype %2, which the comparison does not read</source>
        <translation>输出 '%1' 的数据类型为 %2，比较功能无法读取</translation>
    </message>
    <message>
        <location filename="../app/models/device_worker.cpp" line="597" />
        <source>Ran on the board in %1 ms (%2 layers); host engine %3 ms</source>
        <translation>在开发板上运行用时 %1 毫秒（%2 层）；主机引擎 %3 毫秒</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../app/studio/error_banner.cpp" line="20" />
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>GeneratePage</name>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="33" />
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="41" />
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="41" />
        <source>llama2.c model .bin, e.g. stories260K.bin</source>
        <translation>llama2.c 模型 .bin，例如 stories260K.bin</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="42" />
        <source>Open a llama2.c checkpoint</source>
        <translation>打开 llama2.c 检查点</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="43" />
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="43" />
        <source>llama2.c tokenizer .bin, e.g. tok512.bin</source>
        <translation>llama2.c 分词器 .bin，例如 tok512.bin</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="44" />
        <source>Open a llama2.c tokenizer</source>
        <translation>打开 llama2.c 分词器</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="46" />
        <source>Optional: text to start from, e.g. Once upon a time</source>
        <translation>可选：起始文本，例如 Once upon a time</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="47" />
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="57" />
        <source>0 picks the most likely token (greedy, deterministic)</source>
        <translation>0 表示总是选择概率最高的词元（贪心，结果确定）</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="63" />
        <source>Nucleus sampling: draw from the most likely tokens whose probabilities add up to this; 1 draws from all</source>
        <translation>核采样：从累计概率达到此值的最可能词元中抽取；1 表示从全部词元中抽取</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="66" />
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="70" />
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="73" />
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="76" />
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="79" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="82" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="83" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="86" />
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="91" />
        <source>Generated text appears here as it is produced.</source>
        <translation>生成的文本会在产生时显示在这里。</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="103" />
        <source>Choose a checkpoint and its tokenizer, then Generate.</source>
        <translation>选择检查点及其分词器，然后点击生成。</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="143" />
        <source>llama2.c files (*.bin);;All files (*)</source>
        <translation>llama2.c 文件 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="167" />
        <source>Loading %1 ...</source>
        <translation>正在加载 %1 ...</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="201" />
        <source>dim %1, hidden %2, %3 layers, %4 heads (%5 key/value), vocabulary %6, context %7</source>
        <translation>维度 %1，隐藏层 %2，%3 层，%4 个注意力头（%5 个键/值头），词表 %6，上下文 %7</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="240" />
        <source>Generating: %1 tokens, %2 tokens/s</source>
        <translation>正在生成：%1 个词元，%2 词元/秒</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="244" />
        <source>%1 tokens/s: %2 positions (%3 sampled) in %4 s after the first; seed %5</source>
        <translation>%1 词元/秒：%2 个位置（采样 %3 个），首个之后用时 %4 秒；随机种子 %5</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="250" />
        <source>Model: %1. Memory: arena %2 = KV cache %3 + activations %4 (lower bound %5); weights %6 (read-only, outside the arena).</source>
        <translation>模型：%1。内存：arena %2 = KV 缓存 %3 + 激活 %4（下界 %5）；权重 %6（只读，在 arena 之外）。</translation>
    </message>
    <message>
        <location filename="../app/studio/generate_page.cpp" line="258" />
        <source>Cannot generate: %1</source>
        <translation>无法生成：%1</translation>
    </message>
</context>
<context>
    <name>GraphPage</name>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="30" />
        <source>Find node by name, op type or shape (e.g. Conv, 1x64x)</source>
        <translation>按名称、算子类型或形状查找节点（如 Conv、1x64x）</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="31" />
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="32" />
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="33" />
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="34" />
        <source>Shapes on edges</source>
        <translation>在连线上显示形状</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="114" />
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/graph_page.cpp" line="115" />
        <source>%n match(es)</source>
        <translation><numerusform>%n 个匹配</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/graph_page.cpp" line="121" />
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../app/studio/graph_view.cpp" line="159" />
        <source>No model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/graph_view.cpp" line="277" />
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>HistogramWidget</name>
    <message>
        <location filename="../app/studio/histogram_widget.cpp" line="38" />
        <source>sqrt(count)</source>
        <translation>sqrt(数量)</translation>
    </message>
</context>
<context>
    <name>LayerDeltaModel</name>
    <message>
        <location filename="../app/history/run_models.cpp" line="163" />
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="165" />
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="167" />
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="167" />
        <source>A %1</source>
        <translation>A %1</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="169" />
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="169" />
        <source>B %1</source>
        <translation>B %1</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="171" />
        <source>Delta</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="173" />
        <source>B/A</source>
        <translation>B/A</translation>
    </message>
</context>
<context>
    <name>LayerTableModel</name>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="68" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="70" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="72" />
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="74" />
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="76" />
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="78" />
        <source>MACs</source>
        <translation>乘加次数 (MACs)</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="80" />
        <source>Weight bytes</source>
        <translation>权重字节</translation>
    </message>
    <message>
        <location filename="../app/models/layer_table_model.cpp" line="82" />
        <source>Activation bytes</source>
        <translation>激活字节</translation>
    </message>
</context>
<context>
    <name>LayerTablePage</name>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="51" />
        <source>Filter by name, op or shape</source>
        <translation>按名称、算子或形状筛选</translation>
    </message>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="52" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="67" />
        <source>Export layer table</source>
        <translation>导出层表</translation>
    </message>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="68" />
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="117" />
        <source>%1 of %2 layers   params %3   MACs %4   weights %5   activations %6</source>
        <translation>显示 %1 / %2 层   参数 %3   MACs %4   权重 %5   激活 %6</translation>
    </message>
    <message>
        <location filename="../app/studio/layer_table_page.cpp" line="127" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <location filename="../app/models/live_session.cpp" line="44" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>LogDock</name>
    <message>
        <location filename="../app/studio/log_dock.cpp" line="22" />
        <source>error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="162" />
        <source>Auto-X Studio</source>
        <translation>Auto-X Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="86" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="87" />
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="88" />
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="89" />
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="90" />
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="91" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="92" />
        <source>Profiling</source>
        <translation>性能分析</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="93" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="94" />
        <source>Live preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="165" />
        <source>Node inspector</source>
        <translation>节点检查器</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="166" />
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="167" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="168" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="169" />
        <source> Input shape: </source>
        <translation> 输入形状： </translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="170" />
        <source>as declared, e.g. 1x3x48x320</source>
        <translation>按模型声明，例如 1x3x48x320</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="171" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="172" />
        <source>Optimized graph</source>
        <translation>优化后的计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="174" />
        <source>Show the graph after the engine's passes (constant folding, BatchNorm folding, activation fusion), as it runs; off: as the file has it.</source>
        <translation>显示引擎优化（常量折叠、BatchNorm 折叠、激活融合）后实际运行的计算图；关闭则按文件原样显示。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="176" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="177" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="178" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="179" />
        <source>&amp;Export layer table…</source>
        <translation>导出层表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="180" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="181" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="182" />
        <source>&amp;Fit graph</source>
        <translation>计算图适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="183" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="184" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="206" />
        <source>About Auto-X Studio</source>
        <translation>关于 Auto-X Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="209" />
        <source>&amp;Plugins…</source>
        <translation>插件(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="210" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="211" />
        <source>&amp;About Auto-X Studio</source>
        <translation>关于 Auto-X Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="220" />
        <source>Replanned with %1: peak %2</source>
        <translation>已用 %1 重新规划：峰值 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="235" />
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="249" />
        <location filename="../app/studio/main_window.cpp" line="250" />
        <source>Cancelled opening %1</source>
        <translation>已取消打开 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="321" />
        <source>'%1' is not a shape: write positive dimensions joined by x, e.g. 1x3x48x320</source>
        <translation>“%1”不是形状：请用 x 连接正整数维度，例如 1x3x48x320</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="343" />
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="436" />
        <source>Models (*.onnx *.axm);;ONNX models (*.onnx);;Auto-X runtime models (*.axm);;All files (*)</source>
        <translation>模型 (*.onnx *.axm);;ONNX 模型 (*.onnx);;Auto-X 运行时模型 (*.axm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="459" />
        <source>No translation for '%1' is built into this Auto-X Studio.</source>
        <translation>此版本的 Auto-X Studio 未内置 '%1' 的翻译。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="161" />
        <location filename="../app/studio/main_window.cpp" line="364" />
        <source>%1 — Auto-X Studio</source>
        <translation>%1 — Auto-X Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="366" />
        <source>Opened %1: %2 nodes, import %3 ms, analysis %4 ms, plan %5 ms, layout %6 ms</source>
        <translation>已打开 %1：%2 个节点，导入 %3 ms，分析 %4 ms，规划 %5 ms，布局 %6 ms</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="377" />
        <source>Not in this file: %1</source>
        <translation>此文件不包含：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="381" />
        <source>Unknown input dimensions (%1): MACs, activation bytes and the memory plan leave out what depends on them. Enter an input shape in the toolbar, e.g. 1x3x48x320, and press Enter.</source>
        <translation>输入维度未知（%1）：MACs、激活字节和内存规划不包含依赖这些维度的部分。请在工具栏输入形状（例如 1x3x48x320）并按回车。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="396" />
        <source>%1: could not be opened</source>
        <translation>%1：无法打开</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="398" />
        <source>%1 — still showing %2</source>
        <translation>%1 — 仍显示 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="435" />
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="443" />
        <source>Export layer table</source>
        <translation>导出层表</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="444" />
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="450" />
        <source>Exported the layer table to %1</source>
        <translation>层表已导出到 %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when Auto-X Studio restarts.</source>
        <translation>语言将在 Auto-X Studio 重启后生效。</translation>
    </message>
</context>
<context>
    <name>MemoryPlanModel</name>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="60" />
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="62" />
        <source>Producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="64" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="66" />
        <source>First step</source>
        <translation>起始步</translation>
    </message>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="68" />
        <source>Last step</source>
        <translation>结束步</translation>
    </message>
    <message>
        <location filename="../app/models/memory_plan_model.cpp" line="70" />
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
</context>
<context>
    <name>MemoryPlanPage</name>
    <message>
        <location filename="../app/studio/memory_plan_page.cpp" line="51" />
        <source>Planner:</source>
        <translation>规划器：</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_page.cpp" line="80" />
        <source>The .axm stores its arena offsets; open the ONNX model to compare planners.</source>
        <translation>.axm 保存了内存池偏移；请打开 ONNX 模型来比较规划算法。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/memory_plan_page.cpp" line="109" />
        <source>as stored in the .axm: peak %1   lower bound %2   no reuse %3   %n buffer(s)</source>
        <translation><numerusform>按 .axm 中保存：峰值 %1   下界 %2   不复用 %3   %n 个缓冲区</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/memory_plan_page.cpp" line="116" />
        <source>peak %1   lower bound %2   no reuse %3   %n tensor(s)   planned in %4 ms</source>
        <translation><numerusform>峰值 %1   下界 %2   不复用 %3   %n 个张量   规划用时 %4 ms</numerusform></translation>
    </message>
</context>
<context>
    <name>MemoryPlanView</name>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="58" />
        <source>No model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="63" />
        <source>No memory plan: %1</source>
        <translation>无内存规划：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="89" />
        <source>schedule step</source>
        <translation>调度步</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="119" />
        <source>peak %1 (%2)</source>
        <translation>峰值 %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="125" />
        <source>lower bound %1</source>
        <translation>下界 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="141" />
        <source>scratch</source>
        <translation>内核临时缓冲区</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="144" />
        <source>%1
%2, %3
steps %4..%5, offset %6
producer %7</source>
        <translation>%1
%2，%3
步 %4..%5，偏移 %6
生产者 %7</translation>
    </message>
    <message>
        <location filename="../app/studio/memory_plan_view.cpp" line="151" />
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>NodeInspector</name>
    <message numerus="yes">
        <location filename="../app/studio/node_inspector.cpp" line="41" />
        <source>subgraph (%n node(s))</source>
        <translation><numerusform>子图（%n 个节点）</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/node_inspector.cpp" line="44" />
        <source>%n subgraph(s)</source>
        <translation><numerusform>%n 个子图</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/node_inspector.cpp" line="46" />
        <source>%n tensor(s)</source>
        <translation><numerusform>%n 个张量</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="97" />
        <source>Select a node in the graph or the layer table.</source>
        <translation>请在计算图或层表中选择一个节点。</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="79" />
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="79" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="115" />
        <source>  weights</source>
        <translation>  权重</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="124" />
        <source>Graph input %1</source>
        <translation>图输入 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="124" />
        <source>Graph output %1</source>
        <translation>图输出 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="126" />
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="126" />
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="133" />
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="136" />
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="139" />
        <source>Opset</source>
        <translation>算子集版本</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="140" />
        <source>Family</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="141" />
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="142" />
        <source>MACs</source>
        <translation>乘加次数 (MACs)</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="143" />
        <source>Weight bytes</source>
        <translation>权重字节</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="144" />
        <source>Activation bytes</source>
        <translation>激活字节</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="146" />
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="150" />
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="155" />
        <source>(omitted)</source>
        <translation>（省略）</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="161" />
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="175" />
        <source>&lt;b&gt;Weights&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;权重&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="177" />
        <source>not numeric</source>
        <translation>非数值</translation>
    </message>
    <message>
        <location filename="../app/studio/node_inspector.cpp" line="181" />
        <source>count %1   min %2   max %3
mean %4   std %5   sparsity %6 %</source>
        <translation>数量 %1   最小 %2   最大 %3
均值 %4   标准差 %5   稀疏度 %6 %</translation>
    </message>
</context>
<context>
    <name>OpFamily</name>
    <message>
        <location filename="../app/models/op_family.cpp" line="128" />
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="130" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="132" />
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="134" />
        <source>Matrix multiply</source>
        <translation>矩阵乘</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="136" />
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="138" />
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="140" />
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="142" />
        <source>Element-wise</source>
        <translation>逐元素</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="144" />
        <source>Reduction</source>
        <translation>归约</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="146" />
        <source>Shape and layout</source>
        <translation>形状与布局</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="148" />
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="150" />
        <source>Control flow</source>
        <translation>控制流</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="152" />
        <source>Recurrent</source>
        <translation>循环网络</translation>
    </message>
    <message>
        <location filename="../app/models/op_family.cpp" line="157" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="49" />
        <source>not a Qt plugin (%1); remove it from the plugin folder</source>
        <translation>不是 Qt 插件（%1）；请将其从插件目录中移除</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="107" />
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="109" />
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="111" />
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="113" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>PluginsDialog</name>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="42" />
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="63" />
        <source>Apply settings</source>
        <translation>应用设置</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="64" />
        <source>Check tools</source>
        <translation>检查工具</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="71" />
        <source>Tools and commands of the selected board appear here.</source>
        <translation>所选开发板的工具和命令显示在这里。</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="80" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="84" />
        <source>Search path: %1</source>
        <translation>搜索路径：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="105" />
        <source>No plugins found.</source>
        <translation>未找到插件。</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="114" />
        <source>Needs: %1</source>
        <translation>依赖：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="146" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="149" />
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="183" />
        <source>Settings of %1 saved.</source>
        <translation>%1 的设置已保存。</translation>
    </message>
    <message>
        <location filename="../app/studio/plugins_dialog.cpp" line="202" />
        <source>&lt;h3&gt;Auto-X Studio %1&lt;/h3&gt;&lt;p&gt;Engine %2 · device-link protocol %3 · plugin API %4 · Qt %5&lt;/p&gt;&lt;table&gt;%6&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Auto-X Studio %1&lt;/h3&gt;&lt;p&gt;引擎 %2 · 设备链路协议 %3 · 插件 API %4 · Qt %5&lt;/p&gt;&lt;table&gt;%6&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="79" />
        <source>FastestDet (COCO-80)</source>
        <translation>FastestDet（COCO-80）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="80" />
        <source>UltraFace (faces)</source>
        <translation>UltraFace（人脸）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="81" />
        <source>YOLO-style (anchors, strides)</source>
        <translation>YOLO 风格（锚框、步长）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="82" />
        <source>Classification top-k</source>
        <translation>分类 top-k</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="83" />
        <source>PP-OCR (text boxes + recognition)</source>
        <translation>PP-OCR（文本框 + 识别）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="84" />
        <source>one tensor 1x(5+C)xHxW: objectness, x, y, w, h, C class scores per cell</source>
        <translation>一个张量 1x(5+C)xHxW：每个网格的目标置信度、x、y、w、h 和 C 个类别得分</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="86" />
        <source>scores 1xNx2 (background, face) and boxes 1xNx4</source>
        <translation>得分 1xNx2（背景、人脸）和框 1xNx4</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="87" />
        <source>grid: one 1xA*(5+C)xHxW head per stride; boxes: 1xNx(5+C); boxes_no_objectness: 1x(4+C)xN</source>
        <translation>grid：每个步长一个 1xA*(5+C)xHxW 检测头；boxes：1xNx(5+C)；boxes_no_objectness：1x(4+C)xN</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="90" />
        <source>one tensor of class scores: 1xC (or C, 1xCx1x1)</source>
        <translation>一个类别得分张量：1xC（或 C、1xCx1x1）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="91" />
        <source>det: one probability map 1x1xHxW; rec model: 1x3x48xW -&gt; 1x(W/8)xclasses</source>
        <translation>检测：一张概率图 1x1xHxW；识别模型：1x3x48xW -&gt; 1x(W/8)x类别数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="93" />
        <source>Score threshold</source>
        <translation>得分阈值</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="94" />
        <source>NMS IoU threshold</source>
        <translation>NMS IoU 阈值</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="95" />
        <source>NMS per class</source>
        <translation>按类别 NMS</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="96" />
        <source>Max detections</source>
        <translation>最大检测数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="97" />
        <source>Labels file</source>
        <translation>标签文件</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="98" />
        <source>Candidates before NMS</source>
        <translation>NMS 前候选数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="99" />
        <source>Box format</source>
        <translation>框格式</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="100" />
        <source>Prior strides</source>
        <translation>先验框步长</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="101" />
        <source>Prior min boxes</source>
        <translation>先验框最小尺寸</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="102" />
        <source>Centre variance</source>
        <translation>中心方差</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="103" />
        <source>Size variance</source>
        <translation>尺寸方差</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="104" />
        <source>Output format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="105" />
        <source>Grid formula</source>
        <translation>网格公式</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="106" />
        <source>Anchors (w,h per head)</source>
        <translation>锚框（每个检测头的 w,h）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="107" />
        <source>Strides</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="108" />
        <source>Outputs are logits</source>
        <translation>输出为 logits</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="109" />
        <source>Boxes in 0..1</source>
        <translation>框坐标为 0..1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="110" />
        <source>Top k</source>
        <translation>前 k 个</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="111" />
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="112" />
        <source>Minimum score</source>
        <translation>最低得分</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="113" />
        <source>Recognition model</source>
        <translation>识别模型</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="114" />
        <source>Dictionary</source>
        <translation>字典</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="115" />
        <source>Space as last class</source>
        <translation>最后一类为空格</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="116" />
        <source>Map threshold</source>
        <translation>概率图阈值</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="117" />
        <source>Box score threshold</source>
        <translation>框得分阈值</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="118" />
        <source>Unclip ratio</source>
        <translation>外扩比例</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="119" />
        <source>Minimum box side</source>
        <translation>最小框边长</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="120" />
        <source>Max candidates</source>
        <translation>最大候选数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="121" />
        <source>Max lines recognised</source>
        <translation>最多识别行数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="122" />
        <source>Recognition widths</source>
        <translation>识别输入宽度</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="307" />
        <source>Source:</source>
        <translation>视频源：</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="308" />
        <source>camera index, video file, image folder or stream URL</source>
        <translation>摄像头编号、视频文件、图片文件夹或流地址</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="309" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="310" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="311" />
        <source>Look for cameras again</source>
        <translation>重新查找摄像头</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="312" />
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="313" />
        <source>Save the frame on screen with its boxes as PNG</source>
        <translation>将屏幕上的帧连同检测框保存为 PNG</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="314" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="315" />
        <source>Write every processed frame's detections to a JSON lines file</source>
        <translation>将每个已处理帧的检测结果写入 JSON Lines 文件</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="316" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="317" />
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="318" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="319" />
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="320" />
        <source>Bundled FastestDet</source>
        <translation>内置 FastestDet</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="321" />
        <source>Post-processing</source>
        <translation>后处理</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="322" />
        <source>Pre-processing recipe</source>
        <translation>预处理配方</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="323" />
        <source>(the model's own)</source>
        <translation>（模型自带）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="324" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="325" />
        <source>Resize</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="326" />
        <source>Colour order</source>
        <translation>颜色顺序</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="327" />
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="328" />
        <source>Scale</source>
        <translation>缩放系数</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="329" />
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="330" />
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="331" />
        <source>x = (pixel × scale − mean) / std, per channel</source>
        <translation>x = (像素 × 缩放系数 − 均值) / 标准差，按通道计算</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="332" />
        <source>per channel, e.g. 0.485, 0.456, 0.406</source>
        <translation>按通道，例如 0.485, 0.456, 0.406</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="333" />
        <source>per channel, e.g. 0.229, 0.224, 0.225</source>
        <translation>按通道，例如 0.229, 0.224, 0.225</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="334" />
        <source>Save recipe to the model…</source>
        <translation>将配方保存到模型…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="335" />
        <source>Figures</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="336" />
        <source>Detections</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="337" />
        <source>Press Start to run the model on the source.</source>
        <translation>点击“开始”在视频源上运行模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="349" />
        <location filename="../app/studio/preview_page.cpp" line="367" />
        <source>Video or image</source>
        <translation>视频或图片</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="350" />
        <source>Videos and images (*.avi *.mp4 *.mkv *.mov *.webm *.jpg *.jpeg *.png *.bmp);;All files (*)</source>
        <translation>视频和图片 (*.avi *.mp4 *.mkv *.mov *.webm *.jpg *.jpeg *.png *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="354" />
        <source>Folder of images</source>
        <translation>图片文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="358" />
        <source>Stream URL</source>
        <translation>流地址</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="359" />
        <source>rtsp://, http://, udp:// … as FFmpeg reads it</source>
        <translation>rtsp://、http://、udp:// …（FFmpeg 支持的地址）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="379" />
        <source>Saved a snapshot to %1</source>
        <translation>快照已保存到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="392" />
        <source>Model for the preview</source>
        <translation>用于预览的模型</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="393" />
        <source>Models (*.onnx *.axm);;All files (*)</source>
        <translation>模型 (*.onnx *.axm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="428" />
        <source>The scale, mean and std take numbers separated by commas.</source>
        <translation>缩放系数、均值和标准差需填写以逗号分隔的数字。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="441" />
        <source>Save as .axm</source>
        <translation>另存为 .axm</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="443" />
        <source>Auto-X runtime models (*.axm)</source>
        <translation>Auto-X 运行时模型 (*.axm)</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="454" />
        <source>Preview started: %1</source>
        <translation>预览已开始：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="463" />
        <location filename="../app/studio/preview_page.cpp" line="464" />
        <source>The source stopped: %1</source>
        <translation>视频源已中断：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="469" />
        <source>The source played to its end.</source>
        <translation>视频源已播放完毕。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="491" />
        <source>Camera %1: %2</source>
        <translation>摄像头 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="494" />
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="495" />
        <source>Demo clip</source>
        <translation>演示视频</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="496" />
        <source>Video or image file…</source>
        <translation>视频或图片文件…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="497" />
        <source>Image folder…</source>
        <translation>图片文件夹…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="498" />
        <source>Stream URL…</source>
        <translation>流地址…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="537" />
        <source>No source: pick a camera, a video file, an image folder or a stream URL.</source>
        <translation>没有视频源：请选择摄像头、视频文件、图片文件夹或流地址。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="587" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="587" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="634" />
        <source>The bundled FastestDet model is missing from this installation; open a model.</source>
        <translation>此安装缺少内置的 FastestDet 模型；请打开一个模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="648" />
        <source>%1 (loaded when the preview is shown)</source>
        <translation>%1（显示预览时加载）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="673" />
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="674" />
        <source>Converting %1 to .axm in the background…</source>
        <translation>正在后台将 %1 转换为 .axm…</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="708" />
        <source>The preview cannot use %1: %2</source>
        <translation>预览无法使用 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="728" />
        <source>Converted %1 to .axm in %2 ms for the preview</source>
        <translation>已为预览将 %1 转换为 .axm，用时 %2 ms</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="777" />
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="784" />
        <source>%1: input %2x%3x%4, arena %5 KiB, host runtime (.axm)</source>
        <translation>%1：输入 %2x%3x%4，内存池 %5 KiB，本机运行时 (.axm)</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="791" />
        <source>%1 (not running: see the message above)</source>
        <translation>%1（未运行：见上方提示）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="795" />
        <source>Converted from ONNX in %1 ms</source>
        <translation>由 ONNX 转换，用时 %1 ms</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="810" />
        <source>Expects %1</source>
        <translation>需要 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="921" />
        <source>From the model's .axm metadata.</source>
        <translation>来自模型 .axm 元数据。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="923" />
        <source>From the preset for %1 (the model carries none).</source>
        <translation>来自 %1 的预设（模型本身未带配方）。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="927" />
        <source>Edited here: save it to keep it with the model.</source>
        <translation>已在此修改：保存后才会随模型保留。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="929" />
        <source>Defaults (no recipe in the model, no preset): check them.</source>
        <translation>默认值（模型无预处理配方，也无预设）：请检查。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="963" />
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="976" />
        <source>%1 is an ONNX model: choose where to save the .axm.</source>
        <translation>%1 是 ONNX 模型：请选择 .axm 的保存位置。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="983" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="994" />
        <source>Saved the pre-processing recipe (%1) into %2</source>
        <translation>预处理配方（%1）已保存到 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/preview_page.cpp" line="1007" />
        <source>%1 fps · inference %2 ms · %n object(s)</source>
        <translation><numerusform>%1 fps · 推理 %2 ms · %n 个目标</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1011" />
        <source>%1 fps · no boxes: the model does not run (see the message above)</source>
        <translation>%1 fps · 无检测框：模型未运行（见上方提示）</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1031" />
        <source>%1 fps painted · %2 of %3 captured frames dropped as stale · median inference %4 ms</source>
        <translation>已绘制 %1 fps · 采集的 %3 帧中有 %2 帧因过时被丢弃 · 推理中位耗时 %4 ms</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1042" />
        <source>No frame to save yet: start the preview first.</source>
        <translation>尚无可保存的帧：请先开始预览。</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1046" />
        <location filename="../app/studio/preview_page.cpp" line="1071" />
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1054" />
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1064" />
        <source>Recorded detections to %1</source>
        <translation>检测结果已记录到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/preview_page.cpp" line="1081" />
        <source>Recording detections to %1</source>
        <translation>正在将检测结果记录到 %1</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="65" />
        <source>Profile now</source>
        <translation>立即分析</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="66" />
        <source>Profile the open model on this computer, layer by layer</source>
        <translation>在本机逐层分析当前打开的模型</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="69" />
        <source>threads </source>
        <translation>线程 </translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="80" />
        <source>Filter runs: model, board, kind or tag</source>
        <translation>筛选运行记录：模型、开发板、类型或标签</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="92" />
        <source>Tag…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="93" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="94" />
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="95" />
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="96" />
        <source>HTML with the charts as SVG, and the comparison as JSON</source>
        <translation>HTML（图表为 SVG）及 JSON 格式的对比结果</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="109" />
        <source>Slowest first</source>
        <translation>最慢优先</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="110" />
        <source>Graph order</source>
        <translation>图顺序</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="116" />
        <source>show </source>
        <translation>显示 </translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="117" />
        <source> layers</source>
        <translation> 层</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="118" />
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="120" />
        <source>Op type</source>
        <translation>算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="243" />
        <source>No runs yet: open a model and press Profile now, or run autox bench MODEL --per-layer. History: %1</source>
        <translation>尚无运行记录：打开模型并点击“立即分析”，或运行 autox bench MODEL --per-layer。历史记录：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/profile_page.cpp" line="322" />
        <source>%n thread(s)</source>
        <translation><numerusform>%n 个线程</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="338" />
        <source>All op types</source>
        <translation>全部算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="358" />
        <source>Select one run for its per-layer profile, two or more to compare them (Ctrl+click).</source>
        <translation>选择一条运行记录查看逐层分析，选择两条或更多进行对比（Ctrl+单击）。</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="370" />
        <source>: layers %1 ms, wall %2 ms, framework overhead %3 ms (%4 %); warm-up excluded</source>
        <translation>：各层合计 %1 ms，实际耗时 %2 ms，框架开销 %3 ms（%4 %）；不含预热</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="377" />
        <source>: %1 %2 on the board; transfers: set input %3 ms, run %4 ms, get output %5 ms</source>
        <translation>：开发板上 %1 %2；传输：设置输入 %3 ms，运行 %4 ms，读取输出 %5 ms</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="399" />
        <source>&lt;i&gt;The runs count in different units: bars and deltas are each layer's share of its run's total.&lt;/i&gt;</source>
        <translation>&lt;i&gt;这些运行记录的计量单位不同：柱状图和差值均为各层占其运行总量的比例。&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="412" />
        <source>No run selected</source>
        <translation>未选择运行记录</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="497" />
        <source>share of the run's total (%)</source>
        <translation>占运行总量的比例 (%)</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="498" />
        <source>median time (ms)</source>
        <translation>中位耗时 (ms)</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="504" />
        <source>%1 of %2 layers, %3</source>
        <translation>%2 层中的 %1 层，%3</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="507" />
        <source>slowest first</source>
        <translation>最慢优先</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="507" />
        <source>in graph order</source>
        <translation>按图顺序</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="532" />
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="543" />
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="561" />
        <source>Time per op type, %1</source>
        <translation>各算子类型耗时，%1</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="590" />
        <source>% of the run's total</source>
        <translation>占运行总量的 %</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="595" />
        <source>Share of each run's time per op type</source>
        <translation>各运行记录中各算子类型的耗时占比</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="602" />
        <source>Layer %1: open its model to see it in the graph</source>
        <translation>层 %1：打开其模型后可在图中查看</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="609" />
        <source>Selected layer %1 (node %2)</source>
        <translation>已选中层 %1（节点 %2）</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="614" />
        <source>Layer %1 is not in the open model %2</source>
        <translation>层 %1 不在当前打开的模型 %2 中</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="619" />
        <source>Select a run (two to compare) first.</source>
        <translation>请先选择一条运行记录（对比需两条）。</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="631" />
        <location filename="../app/studio/profile_page.cpp" line="638" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="641" />
        <source>Wrote %1 and %2</source>
        <translation>已写入 %1 和 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="646" />
        <source>Export profile report</source>
        <translation>导出性能分析报告</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="648" />
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="657" />
        <source>Import runs</source>
        <translation>导入运行记录</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="658" />
        <source>Run export or profile JSON (*.json)</source>
        <translation>运行记录导出文件或分析 JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="662" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="667" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/profile_page.cpp" line="670" />
        <source>Imported %n run(s)</source>
        <translation><numerusform>已导入 %n 条运行记录</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="679" />
        <source>Tag runs</source>
        <translation>为运行记录添加标签</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="680" />
        <source>Tags for the selected runs (comma separated):</source>
        <translation>所选运行记录的标签（以逗号分隔）：</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="691" />
        <source>Delete runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/profile_page.cpp" line="692" />
        <source>Delete %n run(s) from the history?</source>
        <translation><numerusform>从历史记录中删除 %n 条运行记录？</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/profile_page.cpp" line="711" />
        <source>Profiling %1 on this computer (%n thread(s))…</source>
        <translation><numerusform>正在本机分析 %1（%n 个线程）…</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="743" />
        <source>Profiling failed: %1</source>
        <translation>分析失败：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="754" />
        <source>The profile was not stored: %1</source>
        <translation>分析结果未保存：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="761" />
        <source>Run #%1: %2 ms end to end; the layers sum to %3 ms (framework overhead %4 ms)</source>
        <translation>运行 #%1：端到端 %2 ms；各层合计 %3 ms（框架开销 %4 ms）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/models/model_document.cpp" line="238" />
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <location filename="../app/models/model_document.cpp" line="250" />
        <source>Inferring shapes and counting MACs</source>
        <translation>正在推断形状并统计 MACs</translation>
    </message>
    <message>
        <location filename="../app/models/model_document.cpp" line="275" />
        <source>Planning memory</source>
        <translation>正在规划内存</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/models/model_document.cpp" line="283" />
        <source>Laying out %n node(s)</source>
        <translation><numerusform>正在布局 %n 个节点</numerusform></translation>
    </message>
    <message>
        <location filename="../app/models/model_document.cpp" line="285" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../app/models/model_document.cpp" line="293" />
        <source>%1 carries the memory plan its compiler made; open the ONNX model to compare planners.</source>
        <translation>%1 带有编译器生成的内存规划；请打开 ONNX 模型来比较规划算法。</translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <location filename="../app/history/run_models.cpp" line="32" />
        <source>%1
SHA-256 %2
engine %3, %4</source>
        <translation>%1
SHA-256 %2
引擎 %3，%4</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="34" />
        <source>quantization unknown</source>
        <translation>量化方式未知</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="66" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="68" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="70" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="72" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="74" />
        <source>Board</source>
        <translation>开发板</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="76" />
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="78" />
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../app/history/run_models.cpp" line="80" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>StageTimingModel</name>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="62" />
        <source>Time from reading the frame to painting it: what the viewer waits</source>
        <translation>从读取帧到绘制完成的时间：即观看者等待的时间</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="67" />
        <source>Capture</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="69" />
        <source>Pre-processing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="71" />
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="73" />
        <source>Post-processing</source>
        <translation>后处理</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="75" />
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="77" />
        <source>Frame age at paint</source>
        <translation>绘制时的帧龄</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="106" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="108" />
        <source>Last ms</source>
        <translation>最近 ms</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="110" />
        <source>Median ms</source>
        <translation>中位 ms</translation>
    </message>
    <message>
        <location filename="../app/models/stage_timing_model.cpp" line="112" />
        <source>Max ms</source>
        <translation>最大 ms</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="31" />
        <source>&lt;p&gt;No model open.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未打开模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="42" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="45" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="45" />
        <source>.axm %1.%2 (compiled for the Auto-X runtime), %3</source>
        <translation>.axm %1.%2（为 Auto-X 运行时编译），%3</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="49" />
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="50" />
        <source>Converted from</source>
        <translation>转换自</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="50" />
        <location filename="../app/studio/summary_page.cpp" line="51" />
        <location filename="../app/studio/summary_page.cpp" line="52" />
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="51" />
        <location filename="../app/studio/summary_page.cpp" line="59" />
        <source>Producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="52" />
        <source>Pre-processing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="54" />
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/summary_page.cpp" line="54" />
        <source>%n label(s): %1</source>
        <translation><numerusform>%n 个标签：%1</numerusform></translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="57" />
        <source>Operators</source>
        <translation>算子数</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="60" />
        <source>IR version</source>
        <translation>IR 版本</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="67" />
        <source>Opsets</source>
        <translation>算子集</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="68" />
        <source>Nodes</source>
        <translation>节点数</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="70" />
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="71" />
        <source>MACs</source>
        <translation>乘加次数 (MACs)</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="72" />
        <source> (some shapes unknown)</source>
        <translation>（部分形状未知）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="73" />
        <source>Weight bytes</source>
        <translation>权重字节</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="74" />
        <source>Activation bytes (sum)</source>
        <translation>激活字节（总和）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="76" />
        <source>Arena (as stored in the file)</source>
        <translation>内存池（文件中保存的）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="79" />
        <source>Runtime arena (axe_model_load)</source>
        <translation>运行时内存池（axe_model_load）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="81" />
        <source>Arena (%1)</source>
        <translation>内存池（%1）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="115" />
        <source>Not in this file</source>
        <translation>此文件不包含</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="77" />
        <location filename="../app/studio/summary_page.cpp" line="83" />
        <source>Arena lower bound</source>
        <translation>内存池下界</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="86" />
        <source>Arena</source>
        <translation>内存池</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="89" />
        <source>Passes</source>
        <translation>优化 Pass</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="91" />
        <source>off (the graph as the file has it)</source>
        <translation>关闭（按文件原样显示计算图）</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="92" />
        <source>Load / analyse / plan / layout</source>
        <translation>加载 / 分析 / 规划 / 布局</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="104" />
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="105" />
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/studio/summary_page.cpp" line="111" />
        <source>Ops</source>
        <translation>算子</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h1&gt;Auto-X Studio&lt;/h1&gt;&lt;p&gt;Drop an ONNX model anywhere on this window, or open one. You will see its graph, per-layer statistics and memory plan.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Auto-X Studio&lt;/h1&gt;&lt;p&gt;将 ONNX 模型拖放到此窗口任意位置，或打开一个模型，即可查看其计算图、逐层统计和内存规划。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="70" />
        <source>&lt;h1&gt;Auto-X Studio&lt;/h1&gt;&lt;p&gt;Drop an ONNX or .axm model anywhere on this window, or open one. You will see its graph, per-layer statistics and memory plan, and can flash it to a board on the Device page.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Auto-X Studio&lt;/h1&gt;&lt;p&gt;把 ONNX 或 .axm 模型拖到窗口任意位置，或打开一个模型。你将看到它的计算图、逐层统计和内存规划，并可在“设备”页把它烧录到开发板。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="74" />
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="75" />
        <source>&lt;h3&gt;Recent files&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;最近打开的文件&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="76" />
        <source>&lt;h3&gt;Sample models&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;示例模型&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="88" />
        <source>No recent files yet.</source>
        <translation>暂无最近打开的文件。</translation>
    </message>
    <message>
        <location filename="../app/studio/welcome_page.cpp" line="93" />
        <source>No sample models found.</source>
        <translation>未找到示例模型。</translation>
    </message>
</context>
<context>
    <name>autox</name>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="25" />
        <source>Boards found:</source>
        <translation>找到的开发板：</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="27" />
        <source>(none attached)</source>
        <translation>（未连接）</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="30" />
        <source> (not ready)</source>
        <translation>（未就绪）</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="31" />
        <source>Tools:</source>
        <translation>工具：</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="37" />
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="37" />
        <source>optional, missing</source>
        <translation>可选，缺失</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="38" />
        <source>To get it: %1</source>
        <translation>获取方法：%1</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="45" />
        <source>Commands it would run (cannot yet: a required tool is missing):</source>
        <translation>将要运行的命令（暂不能运行：缺少必需工具）：</translation>
    </message>
    <message>
        <location filename="../plugins/host/board_report.cpp" line="46" />
        <source>Commands it runs:</source>
        <translation>运行的命令：</translation>
    </message>
    <message>
        <source>unknown plugin interface '%1' (this app offers %2 and %3)</source>
        <translation>未知的插件接口“%1”（本应用提供 %2 和 %3）</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="67" />
        <source>unknown plugin interface '%1' (this app offers %2, %3 and %4)</source>
        <translation>未知的插件接口“%1”（本程序提供 %2、%3 和 %4）</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="72" />
        <source>its metadata lacks id, version or kind; rebuild it against the SDK</source>
        <translation>其元数据缺少 id、version 或 kind；请使用 SDK 重新构建</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="76" />
        <source>kind '%1' does not match its interface %2</source>
        <translation>类型“%1”与其接口 %2 不符</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="80" />
        <source>built for plugin API %1, this app has API %2; rebuild it against this SDK</source>
        <translation>为插件 API %1 构建，本应用为 API %2；请使用本 SDK 重新构建</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="90" />
        <source>a dependency without an id in its metadata</source>
        <translation>元数据中有未写 id 的依赖</translation>
    </message>
</context>
<context>
    <name>autox::PluginListModel</name>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="47" />
        <source>part of the app</source>
        <translation>应用内置</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="61" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="63" />
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="65" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="67" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="69" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_list_model.cpp" line="71" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>autox::PluginManager</name>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="173" />
        <source>same id as %1, which is used</source>
        <translation>与已使用的 %1 标识相同</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="202" />
        <source>needs %1, which was not started (%2)</source>
        <translation>依赖 %1，但它未能启动（%2）</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="203" />
        <source>needs %1, which is not installed</source>
        <translation>依赖 %1，但它未安装</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="209" />
        <source>needs %1 %2 or newer, found %3</source>
        <translation>需要 %1 %2 或更新版本，找到的是 %3</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="223" />
        <source>cannot be loaded: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="235" />
        <source>does not implement the %1 interface it declares</source>
        <translation>未实现其声明的 %1 接口</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="245" />
        <source>initialization failed: %1</source>
        <translation>初始化失败：%1</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="259" />
        <source>its decoder description is invalid: %1</source>
        <translation>其解码器描述无效：%1</translation>
    </message>
    <message>
        <location filename="../plugins/host/plugin_manager.cpp" line="273" />
        <source>its dependencies form a cycle: %1</source>
        <translation>其依赖形成循环：%1</translation>
    </message>
</context>
</TS>