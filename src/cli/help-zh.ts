/**
 * The command line's help in Chinese, shown under `--lang zh` or a Chinese
 * locale: the same commands, options and examples as the English help, with
 * option names, option values and file names as they are typed.
 */
import { PROFILE_NAMES } from '../tables/profile-names.js';

const INPUTS = `输入：文件名、文件夹（读取其中所有 .txt、.csv 和 .tsv 文件）、通配符（如
'导出/**/*.txt'，加引号由 jixiao 展开，或由命令行外壳展开），以及表示标准输入的 -。`;

const PROFILES = Object.entries(PROFILE_NAMES)
  .map(([code, name]) => `                           ${code.padEnd(8)} ${name.zh}：${name.zhLine}`)
  .join('\n');

const LANG = `  --lang zh|en             提示、表头与汇总所用的语言（默认按环境变量 LC_ALL、
                           LC_MESSAGES 或 LANG：zh_* 为中文，其余为英文）；
                           只有明确给出 --lang zh 时，CSV 表头与取值才用中文`;

const END_OPTIONS = `  --summary KIND           标准错误输出上的汇总：text（默认，文字）或 json（一个
                           对象：文件数、表数、指标数、按级别统计的问题与读取
                           提示、处理失败的文件及原因；加 -q 时也输出）
  -q, --quiet              不显示进度条和文字汇总；处理失败的文件仍逐个列出
  --no-progress            不显示进度条（进度条只在终端上、文件多于 5 个时显示）
  -h, --help               显示本帮助`;

const BATCH_OPTIONS = `  -o, --out DIR            输出目录：每个输入文件在该目录下生成一个输出文件，保持
                           其相对于全部输入共同上级文件夹的路径，并写一份清单
                           （jixiao-manifest.ndjson）记录已完成的输入；
                           -o - （默认）为标准输出。（report 与 render 的 -o
                           是一个文件。）
  --combine                与 --out 同用：整批输入合为一份输出，不再每个输入一份：
                           每张表一个 表名.csv（csv）、每张表一个 表名.parquet
                           （parquet）或一个 workbook.xlsx
  --resume                 与 --out 同用：跳过清单记录为已完成、内容未变且用同一
                           版本与设置转换过的输入，只处理其余的（中断的运行从
                           停下处继续）
  --shard I/N              只处理 N 份中的第 I 份输入（0 到 N-1），按每个输入相对
                           于共同上级文件夹的路径的散列值划分：给定相同输入的
                           N 个进程互不重叠；写成 /N 时 I 取自
                           JOB_COMPLETION_INDEX（容器集群的索引作业所设的序号）
  -j, --jobs N             最多用 N 个工作线程并行处理（默认为处理器核数）；
                           单个文件或每线程不足 2 MB 的输入只用一个线程
  --pretty                 输出的文档缩进排版
  --no-bom                 CSV 文件开头不写字节顺序标记
  --encoding NAME          指定输入文件的编码（utf-8、utf-16le、utf-16be、gb18030）
  --min-severity LEVEL     文字输出与 CSV 问题表只列出该级别及以上的问题：
                           error（错误）、warning（警告）、info（提示，默认）；
                           输出的文档保持完整
${LANG}
${END_OPTIONS}`;

const FORMATS = `输出格式：
  json     每个输入一个文档；输出到标准输出时，单个文件给出一个文档，多个输入
           或通配符给出一个文档数组
  ndjson   每行一个文档
  csv      四张表：forms（每张表一行：总分、差额、等级、问题数）、indicators
           （每个指标一行）、funds（每个资金行一行）和 findings（每个问题或
           读取提示一行）。加 --out 时每个输入生成 名称.forms.csv、
           名称.indicators.csv、名称.funds.csv 和 名称.findings.csv；输出到
           标准输出时所有输入共用一个表头，由 --table 选择哪张表（默认
           indicators）。UTF-8 编码并带字节顺序标记，Excel 可直接打开中文。
  xlsx     每个输入一个 Excel 工作簿（加 --out 时为 名称.xlsx）：汇总、绩效指标、
           资金、问题四张工作表；代码与文字为文本单元格，能精确表示的数字为
           数值单元格。输出到标准输出（非终端）时所有输入合为一个工作簿。
  parquet  需加 --out：四张表各写一个文件，每个输入为 名称.表名.parquet
           （加 --combine 时为 表名.parquet）；列与 CSV 相同，数字为其精确的
           十进制文本，计数与行号为整数。`;

export const HELP_ZH: Record<string, string> = {
  main: `jixiao —— 读取并复核项目支出绩效自评表的导出文件

用法：
  jixiao parse 文件...      把导出文件转换为 JSON、NDJSON、CSV 或 XLSX
  jixiao check 文件...      重算执行率、各项得分与总分，列出不符之处
  jixiao report 文件...     生成一份 HTML 审核报告，含每张表和每项问题
  jixiao render 文件.json   把解析结果重新写成规整的制表符分隔导出文件
  jixiao app -o 文件        生成离线网页：在浏览器中复核导出文件，无需安装
  jixiao schema             输出结果的结构定义

选项：
  -h, --help               各命令的帮助（如 jixiao parse --help）
  -v, --version            显示版本号
  --lang zh|en             帮助与提示所用的语言

示例：
  jixiao parse samples/000_16052ebbc3505be3.txt --pretty
  jixiao check samples/000_16052ebbc3505be3.txt
  jixiao check '导出/**/*.txt' --format csv --out 结果/
  jixiao report '导出/**/*.txt' -o 审核报告.html`,
  parse: `用法：jixiao parse 文件|通配符|-... [选项]

读取每个导出文件（任何编码：UTF-8、UTF-16、GB18030），输出其中的各张表。
${INPUTS}

选项：
  -f, --format FORMAT      json（默认）、ndjson、csv、xlsx 或 parquet
  --table TABLE            csv 输出到标准输出时选择的表：indicators（指标，默认）、
                           forms（评价表）、funds（资金）或 findings（问题）
                           （隐含 --format csv）；与 --format ndjson 同用时，
                           每行输出该表的一条记录
${BATCH_OPTIONS}

${FORMATS}

退出状态：0 所有输入均已读取；2 有输入无法读取（其余照常转换）或命令行有误。

示例：
  jixiao parse 导出.txt --pretty
  jixiao parse '导出/**/*.txt' --format ndjson > 表.ndjson
  jixiao parse '导出/**/*.txt' --out 结果/ --jobs 4
  iconv -f gbk -t utf-8 导出.txt | jixiao parse -`,
  check: `用法：jixiao check 文件|通配符|-... [选项]

重算每张表的执行率、各项得分与总分，列出与评分规则不符的数字，注明行号、
申报值与复核值。
${INPUTS}

选项：
  -f, --format FORMAT      text（输出到标准输出时的默认格式：每张表一个表格）、
                           json（加 --out 时的默认格式）、ndjson、csv、xlsx 或
                           parquet
  --json                   等同 --format json
  --profile NAME|FILE      评分口径，可用内置口径或一个口径文件（.json）：
${PROFILES}
  --explain                文字输出中，在每条问题下列出所依据的规则及其出处
  --fail-on LEVEL          问题达到该级别时退出状态为 1：error（错误，默认）、
                           warning（警告）、info（提示）、never（从不）；表的
                           解析错误（无法读取的总分或得分）按错误计
  --table TABLE            csv 输出到标准输出时选择的表：indicators（指标，默认）、
                           forms（评价表）、funds（资金）或 findings（问题）
                           （隐含 --format csv）；与 --format ndjson 同用时，
                           每行输出该表的一条记录
${BATCH_OPTIONS}

${FORMATS}
  指标表列出每个指标的复核得分及其所在行的问题代码；问题表列出全部问题与
  读取提示。文字输出按行列出每张表的问题与解析错误（如总分“一百”）。

退出状态：0 没有达到 --fail-on 级别的问题；1 有达到该级别的问题或表的解析错误
（--fail-on never 时除外）；2 有输入无法读取（其余照常复核）或命令行有误。

示例：
  jixiao check 导出.txt
  jixiao check 导出.txt --profile mof2020 --json
  jixiao check 导出.txt --explain
  jixiao check '导出/**/*.txt' --format csv --out 结果/
  jixiao check '导出/**/*.txt' --table findings --min-severity error > 问题.csv
  jixiao check '导出/**/*.txt' --min-severity warning -q
  jixiao check '导出/**/*.txt' --format xlsx --lang zh > 复核.xlsx`,
  report: `用法：jixiao report 文件|通配符|-... [选项]

复核所有输入中的每张表，生成一个独立的 HTML 网页（无需联网）：全部表的总览、
每张表的资金与指标明细（有问题的数字醒目标出，并列出所依据的规则）、图表，
以及疑点的确认与排除、疑点清单的导出。
${INPUTS}

选项：
  -o, --out FILE           要写入的 HTML 文件（所有输入合为一页）；-o - 或不给：
                           标准输出
  --title TEXT             网页标题
  --profile NAME|FILE      评分口径，可用内置口径或一个口径文件（.json）：
${PROFILES}
  -j, --jobs N             最多用 N 个工作线程并行处理（默认为处理器核数）
  --encoding NAME          指定输入文件的编码（utf-8、utf-16le、utf-16be、gb18030）
${LANG}
${END_OPTIONS}

退出状态：0 报告已写出；2 有输入无法读取（报告包含其余输入）或命令行有误。

示例：
  jixiao report 导出.txt -o 审核报告.html
  jixiao report '导出/2023/**/*.txt' --title '2023 年度自评复核' -o 2023.html`,
  render: `用法：jixiao render 文件.json|-... [选项]

把 jixiao parse 或 check 输出的文档（单个文档、文档数组或每行一个文档）重新写成
规整的制表符分隔导出文件：各表依次排列，合并单元格的标签写在该组第一行。

选项：
  -o, --out FILE           要写入的文件（所有文档依次写入）；-o - 或不给：标准输出
  -h, --help               显示本帮助

示例：
  jixiao parse 原表.txt > 原表.json && jixiao render 原表.json > 规整.txt
  jixiao parse 原表.txt | jixiao render -`,
  app: `用法：jixiao app [-o 文件]

把 jixiao 写成一个 HTML 网页，供没有安装 Node.js 的电脑使用：在浏览器中直接
打开，把导出文件或文件夹拖入即可复核（文件不会上传，也不联网），可选评分口径，
显示审核报告，标记疑点，并下载 JSON、CSV、XLSX 和 HTML 结果。

选项：
  -o, --out FILE           要写入的 HTML 文件（默认：标准输出）
  -h, --help               显示本帮助

示例：
  jixiao app -o jixiao.html`,
  schema: `用法：jixiao schema

输出 parse 与 check 所写文档的结构定义（按 2020-12 版结构定义规范）；程序包中同样
附有该文件 jixiao/schema.json。

示例：
  jixiao schema > jixiao.schema.json`,
};
