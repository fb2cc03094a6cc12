<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>govctl</name>
    <message>
        <source>Cache ready at %1 (schema version %2).</source>
        <translation>本地缓存已就绪：%1（数据结构版本 %2）。</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>本地缓存：%1</translation>
    </message>
    <message>
        <source>Matters in catalog: %1</source>
        <translation>事项目录：%1 个政务服务事项</translation>
    </message>
    <message>
        <source>Cases: %1 (due soon %2, overdue %3)</source>
        <translation>办件：%1 件（即将到期 %2 件，已超期 %3 件）</translation>
    </message>
    <message>
        <source>Outbox rows waiting for sync: %1</source>
        <translation>待同步的发件箱记录：%1 条</translation>
    </message>
    <message>
        <source>Calendar version %1, covering %2 to %3</source>
        <translation>工作日历：版本 %1，覆盖 %2 年至 %3 年</translation>
    </message>
    <message>
        <source>Division codes known: %1</source>
        <translation>行政区划代码：已载入 %1 个</translation>
    </message>
    <message>
        <source>Imported %1 matters into the catalog.</source>
        <translation>已将 %1 个政务服务事项导入事项目录。</translation>
    </message>
    <message>
        <source>%1  %2  [%3]  statutory %4 / promised %5 working days, %6 materials</source>
        <translation>%1  %2  【%3】  法定 %4 / 承诺 %5 个工作日，申请材料 %6 项</translation>
    </message>
    <message>
        <source>%1 matters.</source>
        <translation>共 %1 个事项。</translation>
    </message>
    <message>
        <source>Imported %1 division codes; %2 known in all.</source>
        <translation>已导入 %1 个行政区划代码，现共载入 %2 个。</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>校验未通过：%1</translation>
    </message>
    <message>
        <source>Valid citizen ID number %1, born %2</source>
        <translation>公民身份号码 %1 有效，出生日期 %2</translation>
    </message>
    <message>
        <source>(converted from the 15-digit form)</source>
        <translation>（已由 15 位号码升为 18 位）</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Valid unified social credit code %1</source>
        <translation>统一社会信用代码 %1 有效</translation>
    </message>
    <message>
        <source>Valid division code %1 %2 (list %3)</source>
        <translation>行政区划代码 %1 %2 有效（代码表：%3）</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>landline number</source>
        <translation>固定电话号码</translation>
    </message>
    <message>
        <source>Valid %1 %2</source>
        <translation>%1 %2 有效</translation>
    </message>
    <message>
        <source>validate takes id, uscc, division or phone, not &quot;%1&quot;</source>
        <translation>validate 的校验类型应为 id、uscc、division 或 phone，不能是“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date of the form YYYY-MM-DD</source>
        <translation>“%1”不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <source>%1 is a working day</source>
        <translation>%1 是工作日</translation>
    </message>
    <message>
        <source>%1 is not a working day</source>
        <translation>%1 不是工作日</translation>
    </message>
    <message>
        <source>calendar add expects a date YYYY-MM-DD and a number of working days &gt;= 0</source>
        <translation>calendar add 需要一个 YYYY-MM-DD 格式的日期和一个不小于 0 的工作日数</translation>
    </message>
    <message>
        <source>%1 working days after %2 is %3</source>
        <translation>%2 之后的第 %1 个工作日是 %3</translation>
    </message>
    <message>
        <source>calendar takes is-working-day or add</source>
        <translation>calendar 的子命令应为 is-working-day 或 add</translation>
    </message>
    <message>
        <source>Audit chain is BROKEN at record %1: %2</source>
        <translation>审计链已断裂，断点为第 %1 条记录：%2</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>deadline unknown</source>
        <translation>时限未知</translation>
    </message>
    <message>
        <source>%1, due %2, %3 working days left</source>
        <translation>%1，%2 到期，剩余 %3 个工作日</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>  Matter:     %1 %2</source>
        <translation>  办理事项：%1 %2</translation>
    </message>
    <message>
        <source>  State:      %1</source>
        <translation>  办件状态：%1</translation>
    </message>
    <message>
        <source>  Applicant:  %1</source>
        <translation>  申请人：  %1</translation>
    </message>
    <message>
        <source>  Legal representative: %1</source>
        <translation>  法定代表人：%1</translation>
    </message>
    <message>
        <source>  ID:         %1</source>
        <translation>  证件号码：%1</translation>
    </message>
    <message>
        <source>  Phone:      %1</source>
        <translation>  联系电话：%1</translation>
    </message>
    <message>
        <source>  Address:    %1</source>
        <translation>  联系地址：%1</translation>
    </message>
    <message>
        <source>  Applicant ID: %1 (personal data masked; use --reveal --reason TEXT)</source>
        <translation>  证件号码：%1（个人信息已脱敏；查看明文请加 --reveal --reason 理由）</translation>
    </message>
    <message>
        <source>  Submitted:  %1</source>
        <translation>  申请日期：%1</translation>
    </message>
    <message>
        <source>  Accepted:   %1, decision limit %2 working days</source>
        <translation>  受理日期：%1，决定时限 %2 个工作日</translation>
    </message>
    <message>
        <source>  Extended:   %1 working days, approved by %2</source>
        <translation>  延长期限：%1 个工作日，批准人：%2</translation>
    </message>
    <message>
        <source>  Decided:    %1</source>
        <translation>  决定日期：%1</translation>
    </message>
    <message>
        <source>  Deadline:   %1</source>
        <translation>  办理时限：%1</translation>
    </message>
    <message>
        <source>  Materials:</source>
        <translation>  申请材料：</translation>
    </message>
    <message>
        <source>  History:</source>
        <translation>  办理记录：</translation>
    </message>
    <message>
        <source>    %1  %2  %3 -&gt; %4  by %5%6</source>
        <translation>    %1  %2  %3 -&gt; %4  经办人 %5%6</translation>
    </message>
    <message>
        <source>  Allowed actions: %1</source>
        <translation>  可执行操作：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>matter code from the catalog</source>
        <translation>事项目录中的事项编码</translation>
    </message>
    <message>
        <source>applicant&apos;s name (person or organisation)</source>
        <translation>申请人名称（自然人姓名或法人名称）</translation>
    </message>
    <message>
        <source>citizen ID number of a natural person</source>
        <translation>自然人的公民身份号码</translation>
    </message>
    <message>
        <source>ID type key (default resident_id_card)</source>
        <translation>证件类型代码（默认为 resident_id_card，即居民身份证）</translation>
    </message>
    <message>
        <source>unified social credit code of a legal person</source>
        <translation>法人的统一社会信用代码</translation>
    </message>
    <message>
        <source>legal representative of a legal person</source>
        <translation>法人的法定代表人</translation>
    </message>
    <message>
        <source>contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>contact address</source>
        <translation>联系地址</translation>
    </message>
    <message>
        <source>comma-separated codes of the materials handed in</source>
        <translation>已提交材料的编码，以逗号分隔</translation>
    </message>
    <message>
        <source>every material of the matter was handed in</source>
        <translation>该事项的全部材料均已提交</translation>
    </message>
    <message>
        <source>attach a file to a material (repeatable)</source>
        <translation>为一项材料附加文件（可多次使用）</translation>
    </message>
    <message>
        <source>application date (default today)</source>
        <translation>申请日期（默认为当天）</translation>
    </message>
    <message>
        <source>accept a credit code whose check character fails, for this reason</source>
        <translation>统一社会信用代码校验码不符时，按所填放行理由予以接受</translation>
    </message>
    <message>
        <source>case new needs --matter CODE</source>
        <translation>case new 须用 --matter 指定事项编码</translation>
    </message>
    <message>
        <source>case new needs either --id NUMBER (natural person) or --uscc CODE (legal person)</source>
        <translation>case new 须在 --id 公民身份号码（自然人）和 --uscc 统一社会信用代码（法人）中指定且只指定一项</translation>
    </message>
    <message>
        <source>unknown ID type &quot;%1&quot;</source>
        <translation>证件类型“%1”无法识别</translation>
    </message>
    <message>
        <source>--date expects YYYY-MM-DD</source>
        <translation>--date 的值应为 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <source>--attach expects CODE=FILE, not &quot;%1&quot;</source>
        <translation>--attach 的值应为“材料编码=文件”（CODE=FILE）格式，不能是“%1”</translation>
    </message>
    <message>
        <source>Saved case %1 for matter %2 (%3).</source>
        <translation>已登记办件 %1，办理事项：%2 %3。</translation>
    </message>
    <message>
        <source>All required materials are present; the case can be accepted on the spot.</source>
        <translation>必要材料齐全，可当场受理。</translation>
    </message>
    <message>
        <source>Missing required materials: %1. Issue one correction notice listing all of them (govctl case correct %2 --missing CODES).</source>
        <translation>缺少必要材料：%1。请出具补正告知，一次性告知需补正的全部材料（govctl case correct %2 --missing 材料编码）。</translation>
    </message>
    <message>
        <source>reason (required for reject, suspend, extend and a denial)</source>
        <translation>理由（不予受理、中止计时、延期和作出不予决定时必填）</translation>
    </message>
    <message>
        <source>correct: comma-separated codes of every missing material</source>
        <translation>correct：缺少的全部材料的编码，以逗号分隔</translation>
    </message>
    <message>
        <source>resume: codes of the materials that arrived</source>
        <translation>resume：已补正材料的编码</translation>
    </message>
    <message>
        <source>suspend: hearing, expert_review, inspection or correction</source>
        <translation>suspend：中止计时的原因，hearing（听证）、expert_review（专家评审）、inspection（检验、检测、检疫）或 correction（补正）</translation>
    </message>
    <message>
        <source>extend: the head of the agency who approved it</source>
        <translation>extend：批准延期的本机关负责人</translation>
    </message>
    <message>
        <source>decide: the decision</source>
        <translation>decide：决定结果，approve（准予）或 deny（不予）</translation>
    </message>
    <message>
        <source>deliver: how the decision is handed over</source>
        <translation>deliver：送达方式，window（窗口送达）、post（邮寄送达）或 electronic（电子送达）</translation>
    </message>
    <message>
        <source>effective date (default today)</source>
        <translation>办理日期（默认为当天）</translation>
    </message>
    <message>
        <source>case decide needs --outcome approve or --outcome deny</source>
        <translation>case decide 须用 --outcome approve（准予）或 --outcome deny（不予）指定决定结果</translation>
    </message>
    <message>
        <source>unknown case command &quot;%1&quot;</source>
        <translation>办件命令“%1”无法识别</translation>
    </message>
    <message>
        <source>unknown suspension kind &quot;%1&quot;</source>
        <translation>中止计时类型“%1”无法识别，应为 hearing、expert_review、inspection 或 correction</translation>
    </message>
    <message>
        <source>Case %1: &quot;%2&quot; recorded; the state is now &quot;%3&quot;.</source>
        <translation>办件 %1：已办理“%2”，当前状态为“%3”。</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>办理时限：%1</translation>
    </message>
    <message>
        <source>show personal data in clear (audited)</source>
        <translation>显示个人信息明文（记入审计日志）</translation>
    </message>
    <message>
        <source>why the personal data is needed</source>
        <translation>查看个人信息明文的理由</translation>
    </message>
    <message>
        <source>only cases in this state (submitted, accepted, …)</source>
        <translation>只列出处于该状态的办件（submitted、accepted 等）</translation>
    </message>
    <message>
        <source>only cases of this matter</source>
        <translation>只列出该事项的办件</translation>
    </message>
    <message>
        <source>only cases with 2 or fewer working days left</source>
        <translation>只列出剩余不超过 2 个工作日的办件</translation>
    </message>
    <message>
        <source>only overdue cases</source>
        <translation>只列出已超期的办件</translation>
    </message>
    <message>
        <source>print at most N cases (default 50; 0 = all)</source>
        <translation>最多列出 N 件（默认 50；0 表示全部）</translation>
    </message>
    <message>
        <source>unknown state &quot;%1&quot;</source>
        <translation>办件状态“%1”无法识别</translation>
    </message>
    <message>
        <source>%1 cases match; %2 shown.</source>
        <translation>符合条件的办件共 %1 件，已显示 %2 件。</translation>
    </message>
    <message>
        <source>utf-8, gbk, gb2312 or gb18030 (default: detect)</source>
        <translation>utf-8、gbk、gb2312 或 gb18030（默认自动识别）</translation>
    </message>
    <message>
        <source>rows per transaction (default 500)</source>
        <translation>每个事务写入的行数（默认 500）</translation>
    </message>
    <message>
        <source>print at most N row errors (default 100; 0 = all)</source>
        <translation>最多显示 N 条行错误（默认 100；0 表示全部）</translation>
    </message>
    <message>
        <source>Importing: %1 / %2 rows</source>
        <translation>正在导入：%1 / %2 行</translation>
    </message>
    <message>
        <source>  line %1: %2</source>
        <translation>  第 %1 行：%2</translation>
    </message>
    <message>
        <source>  line %1, column %2: %3</source>
        <translation>  第 %1 行“%2”列：%3</translation>
    </message>
    <message>
        <source>  … %1 more row errors (use --max-errors 0 to see all)</source>
        <translation>  ……另有 %1 条行错误未显示（加 --max-errors 0 可全部显示）</translation>
    </message>
    <message>
        <source>Import of %1 (%2): %3 rows read, %4 imported, %5 invalid, in %6 transactions.</source>
        <translation>导入 %1（编码 %2）：读取 %3 行，导入 %4 行，无效 %5 行，分 %6 个事务写入。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Usage error: %1</source>
        <translation>用法错误：%1</translation>
    </message>
    <message>
        <source>Run &quot;govctl help&quot; for the list of commands.</source>
        <translation>执行“govctl help”可查看命令列表。</translation>
    </message>
    <message>
        <source>Usage: govctl [--cache DIR] [--json] [--operator ID] [--lang zh_CN|en] [--verbose] COMMAND ...</source>
        <translation>用法：govctl [--cache DIR] [--json] [--operator ID] [--lang zh_CN|en] [--verbose] COMMAND ...</translation>
    </message>
    <message>
        <source>Cache and reference data:</source>
        <translation>本地缓存与基础数据：</translation>
    </message>
    <message>
        <source>  init                                  create the cache folder, database and key file</source>
        <translation>  init                                  创建缓存文件夹、数据库和密钥文件</translation>
    </message>
    <message>
        <source>  status                                show the cache, its counts and the calendar version</source>
        <translation>  status                                显示本地缓存概况、各项数量和工作日历版本</translation>
    </message>
    <message>
        <source>  catalog import FILE | catalog list    load or list service matters</source>
        <translation>  catalog import FILE | catalog list    导入或列出政务服务事项</translation>
    </message>
    <message>
        <source>  divisions import FILE                 load a full GB/T 2260 division list (any revision)</source>
        <translation>  divisions import FILE                 导入完整的 GB/T 2260 行政区划代码表（任一版本）</translation>
    </message>
    <message>
        <source>Cases:</source>
        <translation>办件：</translation>
    </message>
    <message>
        <source>  case new --matter CODE --name NAME (--id NUMBER | --uscc CODE --legal-rep NAME) ...</source>
        <translation>  case new --matter CODE --name NAME (--id NUMBER | --uscc CODE --legal-rep NAME) ...</translation>
    </message>
    <message>
        <source>  case accept|reject|correct|resume|review|suspend|extend|decide|deliver|close CASE ...</source>
        <translation>  case accept|reject|correct|resume|review|suspend|extend|decide|deliver|close CASE ...</translation>
    </message>
    <message>
        <source>  case show CASE [--reveal --reason TEXT]</source>
        <translation>  case show CASE [--reveal --reason TEXT]</translation>
    </message>
    <message>
        <source>  case list [--state STATE] [--matter CODE] [--due-soon] [--overdue]</source>
        <translation>  case list [--state STATE] [--matter CODE] [--due-soon] [--overdue]</translation>
    </message>
    <message>
        <source>  case import FILE [--encoding utf-8|gbk|gb18030]</source>
        <translation>  case import FILE [--encoding utf-8|gbk|gb18030]</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>校验与查询：</translation>
    </message>
    <message>
        <source>  validate id|uscc|division|phone VALUE exit 0 when valid, 1 when invalid</source>
        <translation>  validate id|uscc|division|phone VALUE 有效时退出码为 0，无效时为 1</translation>
    </message>
    <message>
        <source>  calendar is-working-day DATE | calendar add DATE N</source>
        <translation>  calendar is-working-day DATE | calendar add DATE N</translation>
    </message>
    <message>
        <source>The cache folder is --cache DIR, else $GOV_CACHE_DIR, else ./govcache.</source>
        <translation>缓存文件夹依次取 --cache DIR、$GOV_CACHE_DIR，都未指定时为 ./govcache。</translation>
    </message>
    <message>
        <source>Run &quot;govctl COMMAND --help&quot; for the options of one command.</source>
        <translation>执行“govctl COMMAND --help”可查看单个命令的选项。</translation>
    </message>
    <message>
        <source>case needs a subcommand (new, accept, …, list, import)</source>
        <translation>case 须带子命令（new、accept、……、list、import）</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>命令“%1”无法识别</translation>
    </message>
    <message>
        <source>Division code %1 is plausible: it lies in %2 %3, but no full division list is loaded to check the code itself (govctl divisions import FILE).</source>
        <translation>行政区划代码 %1 初步校验通过：属于 %2 %3 辖区；因未载入完整的行政区划代码表，未能核验该代码本身（可用“govctl divisions import FILE”导入完整代码表）。</translation>
    </message>
    <message>
        <source>%1 is a working day (adjusted working day for %2)</source>
        <translation>%1 是工作日（%2调休上班日）</translation>
    </message>
    <message>
        <source>%1 is not a working day (%2)</source>
        <translation>%1 不是工作日（%2）</translation>
    </message>
    <message>
        <source>Audit chain is intact: %1 records verified.</source>
        <translation>审计链完整：已核验 %1 条记录。</translation>
    </message>
    <message>
        <source>%1, due %2, %3 working days overdue</source>
        <translation>%1，%2 到期，已超期 %3 个工作日</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action name and its command key</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Usage: govctl %1 [options] %2</source>
        <translation>用法：govctl %1 [选项] %2</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>%1 takes no arguments</source>
        <translation>%1 不接受参数</translation>
    </message>
    <message>
        <source>%1 takes %2 argument(s): %3</source>
        <translation>%1 需要 %2 个参数：%3</translation>
    </message>
    <message>
        <source>the operator&apos;s display name (required)</source>
        <translation>操作员显示名称（必填）</translation>
    </message>
    <message>
        <source>operator add needs --name NAME</source>
        <translation>operator add 需要 --name 姓名</translation>
    </message>
    <message>
        <source>PIN for %1 (6 to 12 digits): </source>
        <translation>请输入 %1 的 PIN 码（6 至 12 位数字）：</translation>
    </message>
    <message>
        <source>operator add reads the PIN from standard input, but the input was empty</source>
        <translation>operator add 从标准输入读取 PIN 码，但输入为空</translation>
    </message>
    <message>
        <source>Repeat the PIN: </source>
        <translation>请再次输入 PIN 码：</translation>
    </message>
    <message>
        <source>the two PINs differ; run operator add again</source>
        <translation>两次输入的 PIN 码不一致，请重新执行 operator add</translation>
    </message>
    <message>
        <source>Operator %1 (%2) added; they can now sign in to the workbench.</source>
        <translation>已添加操作员 %1（%2），该操作员现可登录工作台。</translation>
    </message>
    <message>
        <source>Operator %1 unlocked; the count of wrong PINs starts again at zero.</source>
        <translation>已解除操作员 %1 的锁定，PIN 码错误次数已清零。</translation>
    </message>
    <message>
        <source>operator takes add or unlock</source>
        <translation>operator 命令只接受 add 或 unlock</translation>
    </message>
    <message>
        <source>Operators of the workbench:</source>
        <translation>工作台操作员：</translation>
    </message>
    <message>
        <source>  operator add ID --name NAME           add an operator; the PIN is read from standard input</source>
        <translation>  operator add ID --name NAME           添加操作员，PIN 码从标准输入读取</translation>
    </message>
    <message>
        <source>  operator unlock ID                    lift the lock after repeated wrong PINs</source>
        <translation>  operator unlock ID                    解除因多次输错 PIN 码而设置的锁定</translation>
    </message>
    <message>
        <source>Phytium</source>
        <translation>飞腾</translation>
    </message>
    <message>
        <source>Loongson</source>
        <translation>龙芯</translation>
    </message>
    <message>
        <source>Hygon</source>
        <translation>海光</translation>
    </message>
    <message>
        <source>Zhaoxin</source>
        <translation>兆芯</translation>
    </message>
    <message>
        <source>HiSilicon</source>
        <translation>海思</translation>
    </message>
    <message>
        <source>Intel</source>
        <translation>英特尔</translation>
    </message>
    <message>
        <source>unknown vendor</source>
        <translation>未知厂商</translation>
    </message>
    <message>
        <source>Desktop edition</source>
        <translation>桌面版</translation>
    </message>
    <message>
        <source>Server edition</source>
        <translation>服务器版</translation>
    </message>
    <message>
        <source>Professional edition</source>
        <translation>专业版</translation>
    </message>
    <message>
        <source>Home edition</source>
        <translation>家庭版</translation>
    </message>
    <message>
        <source>CPU: %1, architecture %2, %3 logical CPUs</source>
        <translation>处理器：%1，架构 %2，逻辑处理器 %3 个</translation>
    </message>
    <message>
        <source>Operating system: %1 %2</source>
        <translation>操作系统：%1 %2</translation>
    </message>
    <message>
        <source>Edition: %1</source>
        <translation>产品版本：%1</translation>
    </message>
    <message>
        <source>Service pack: %1</source>
        <translation>服务包：%1</translation>
    </message>
    <message>
        <source>Release: %1 (build %2)</source>
        <translation>发布版本：%1（构建号 %2）</translation>
    </message>
    <message>
        <source>Release: %1</source>
        <translation>发布版本：%1</translation>
    </message>
    <message>
        <source>Build: %1</source>
        <translation>构建号：%1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>seccomp: filter mode available</source>
        <translation>seccomp：支持过滤模式</translation>
    </message>
    <message>
        <source>seccomp: strict mode only, no filter mode</source>
        <translation>seccomp：仅支持严格模式，不支持过滤模式</translation>
    </message>
    <message>
        <source>seccomp: not available</source>
        <translation>seccomp：不可用</translation>
    </message>
    <message>
        <source>Landlock: ABI version %1</source>
        <translation>Landlock：ABI 版本 %1</translation>
    </message>
    <message>
        <source>Landlock: not available</source>
        <translation>Landlock：不可用</translation>
    </message>
    <message>
        <source>Unprivileged user namespaces: allowed</source>
        <translation>非特权用户命名空间：允许创建</translation>
    </message>
    <message>
        <source>Unprivileged user namespaces: not allowed</source>
        <translation>非特权用户命名空间：不允许创建</translation>
    </message>
    <message>
        <source>no_new_privs: supported</source>
        <translation>no_new_privs：支持</translation>
    </message>
    <message>
        <source>no_new_privs: not reported</source>
        <translation>no_new_privs：内核未报告此项</translation>
    </message>
    <message>
        <source>  platform                              show the CPU, the operating system and the kernel&apos;s sandbox features</source>
        <translation>  platform                              显示处理器、操作系统及内核的沙箱相关特性</translation>
    </message>
    <message>
        <source>validate needs the kind of value first: id, uscc, division or phone</source>
        <translation>validate 之后须先指定校验类型：id、uscc、division 或 phone</translation>
    </message>
    <message>
        <source>file attached</source>
        <translation>已附文件</translation>
    </message>
    <message>
        <source>%1 does not take negative numbers such as -%2</source>
        <translation>%1 不接受 -%2 这样的负数</translation>
    </message>
    <message>
        <source>--%1 is given %2 times; give it once</source>
        <translation>--%1 出现了 %2 次，只能指定一次</translation>
    </message>
    <message>
        <source>--%1 expects a whole number from %2 to %3, not &quot;%4&quot;</source>
        <translation>--%1 应为 %2 至 %3 之间的整数，而不是“%4”</translation>
    </message>
    <message>
        <source>argument %1 is not valid UTF-8 text, so govctl would read a different value than the one given. Rename the file or retype the value in UTF-8.</source>
        <translation>第 %1 个参数不是有效的 UTF-8 文本，govctl 读到的值将与输入的不同。请重命名该文件，或以 UTF-8 编码重新输入该值。</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要指定一个值</translation>
    </message>
    <message>
        <source>unknown global option %1. Global options (--cache, --json, --operator, --lang, --today, --verbose) come before the command.</source>
        <translation>未知的全局选项 %1。全局选项（--cache、--json、--operator、--lang、--today、--verbose）须写在命令之前。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (from --today or GOV_TODAY) is not an existing date of the form YYYY-MM-DD</source>
        <translation>“%1”（来自 --today 或 GOV_TODAY）不是格式为 YYYY-MM-DD 的有效日期</translation>
    </message>
    <message>
        <source>--%1 expects a whole number of %2 or more, not &quot;%3&quot;</source>
        <translation>--%1 应为不小于 %2 的整数，而不是“%3”</translation>
    </message>
    <message>
        <source>The public key &quot;%1&quot; is neither a 65-byte key in hex nor a readable PEM file. Give the terminal&apos;s public key as printed by &quot;govctl audit verify&quot; or as a PEM file.</source>
        <translation>公钥“%1”既不是十六进制的 65 字节公钥，也不是可读取的 PEM 文件。请提供“govctl audit verify”显示的终端公钥，或 PEM 格式的公钥文件。</translation>
    </message>
    <message>
        <source>the terminal&apos;s public key (PEM file or hex) that checkpoints must be signed with</source>
        <translation>检查点应使用的终端签名公钥（PEM 文件或十六进制）</translation>
    </message>
    <message>
        <source>Signed checkpoints: %1, the last at record %2; records after it: %3.</source>
        <translation>已签名检查点：%1 个，最后一个位于第 %2 条记录；其后记录：%3 条。</translation>
    </message>
    <message>
        <source>Checkpoints were checked against the terminal key %1.</source>
        <translation>检查点已按终端公钥 %1 验证。</translation>
    </message>
    <message>
        <source>Signed a checkpoint at audit record %1.</source>
        <translation>已在第 %1 条审计记录处签署检查点。</translation>
    </message>
    <message>
        <source>The last checkpoint already covers the whole audit log; nothing to sign.</source>
        <translation>最后一个检查点已覆盖全部审计日志，无需签署。</translation>
    </message>
    <message>
        <source>JSON lines (default) or RFC 5424 syslog</source>
        <translation>JSON Lines（默认）或 RFC 5424 syslog 格式</translation>
    </message>
    <message>
        <source>write to FILE instead of standard output</source>
        <translation>写入 FILE 而非标准输出</translation>
    </message>
    <message>
        <source>only audit records after this sequence number</source>
        <translation>仅导出该序号之后的审计记录</translation>
    </message>
    <message>
        <source>only security events after this id</source>
        <translation>仅导出该编号之后的安全事件</translation>
    </message>
    <message>
        <source>export only audit records or only security events</source>
        <translation>仅导出审计记录或仅导出安全事件</translation>
    </message>
    <message>
        <source>--format takes jsonl or syslog, not &quot;%1&quot;</source>
        <translation>--format 只能为 jsonl 或 syslog，不能为“%1”</translation>
    </message>
    <message>
        <source>--only takes audit or security, not &quot;%1&quot;</source>
        <translation>--only 只能为 audit 或 security，不能为“%1”</translation>
    </message>
    <message>
        <source>The export file %1 could not be created (%2). Check the folder and your permissions.</source>
        <translation>无法创建导出文件 %1（%2）。请检查目录及权限。</translation>
    </message>
    <message>
        <source>The export file %1 could not be written (%2). Check the free space; the previous file, if any, is unchanged.</source>
        <translation>无法写入导出文件 %1（%2）。请检查磁盘剩余空间；原有文件（如有）未被改动。</translation>
    </message>
    <message>
        <source>Exported %1 audit records, %2 checkpoints and %3 security events to %4.</source>
        <translation>已将 %1 条审计记录、%2 个检查点和 %3 条安全事件导出至 %4。</translation>
    </message>
    <message>
        <source>audit takes verify, checkpoint or export</source>
        <translation>audit 命令可用 verify、checkpoint 或 export</translation>
    </message>
    <message>
        <source>  audit verify [--public-key KEY]       check the audit hash chain and its signed checkpoints</source>
        <translation>  audit verify [--public-key KEY]       校验审计哈希链及其签名检查点</translation>
    </message>
    <message>
        <source>  audit checkpoint                      sign a checkpoint over the audit log now</source>
        <translation>  audit checkpoint                      立即为审计日志签署检查点</translation>
    </message>
    <message>
        <source>  audit export [--format jsonl|syslog]  write audit records and security events for the SOC</source>
        <translation>  audit export [--format jsonl|syslog]  导出审计记录和安全事件，供安全运营中心使用</translation>
    </message>
    <message>
        <source>  trust verify CERT [--use USE]         check a certificate against the trusted CAs and CRLs</source>
        <translation>  trust verify CERT [--use USE]         按受信任的 CA 和证书吊销列表校验证书</translation>
    </message>
    <message>
        <source>No trusted root certificates found in %1. Put the provinces&apos; root CA certificates (PEM) into %2.</source>
        <translation>%1 中没有受信任的根证书。请将各省根 CA 证书（PEM 格式）放入 %2。</translation>
    </message>
    <message>
        <source>The certificate file %1 could not be read. Give a PEM or DER file of at most 1 MiB.</source>
        <translation>无法读取证书文件 %1。请提供不超过 1 MiB 的 PEM 或 DER 文件。</translation>
    </message>
    <message>
        <source>the purpose to check the certificate for (default exchange)</source>
        <translation>校验证书所用的用途（默认 exchange）</translation>
    </message>
    <message>
        <source>the trust folder (default: trust/ in the cache folder)</source>
        <translation>信任目录（默认为缓存目录下的 trust/）</translation>
    </message>
    <message>
        <source>check validity on this date instead of now</source>
        <translation>按该日期而非当前时间检查有效期</translation>
    </message>
    <message>
        <source>trust verify takes one certificate file</source>
        <translation>trust verify 需要一个证书文件</translation>
    </message>
    <message>
        <source>--use takes signin, exchange, update or document, not &quot;%1&quot;</source>
        <translation>--use 只能为 signin、exchange、update 或 document，不能为“%1”</translation>
    </message>
    <message>
        <source>--at takes a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--at 需要 YYYY-MM-DD 格式的日期，不能为“%1”</translation>
    </message>
    <message>
        <source>Certificate is valid for %1: %2</source>
        <translation>证书可用于 %1：%2</translation>
    </message>
    <message>
        <source>Certificate REJECTED: %1</source>
        <translation>证书被拒绝：%1</translation>
    </message>
    <message>
        <source>trust takes verify</source>
        <translation>trust 命令可用 verify</translation>
    </message>
    <message>
        <source>Sync with the hub (govsyncd does the work):</source>
        <translation>与交换节点同步（由 govsyncd 执行）：</translation>
    </message>
    <message>
        <source>  sync status                           show pending rows, the last success and error, conflicts</source>
        <translation>  sync status                           显示待发送条目、最近一次成功和错误、冲突</translation>
    </message>
    <message>
        <source>  sync now                              ask the running govsyncd for a round now</source>
        <translation>  sync now                              请正在运行的 govsyncd 立即同步一轮</translation>
    </message>
    <message>
        <source>  sync conflicts                        list upstream changes and pushed items kept as conflicts</source>
        <translation>  sync conflicts                        列出作为冲突保留的上级变更和已推送条目</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Outbox rows waiting for the hub: %1 (in %2 unacknowledged batches)</source>
        <translation>等待发送到交换节点的条目：%1（分属 %2 个未确认批次）</translation>
    </message>
    <message>
        <source>Rows acknowledged by the hub: %1</source>
        <translation>交换节点已确认的条目：%1</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>最近一次尝试：%1</translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation>最近一次成功：%1</translation>
    </message>
    <message>
        <source>Last error (%1): %2</source>
        <translation>最近一次错误（%1）：%2</translation>
    </message>
    <message>
        <source>Round in progress (%1): %2 of %3 rows pushed, %4 changes pulled</source>
        <translation>同步进行中（%1）：已推送 %2/%3 条，已拉取 %4 项变更</translation>
    </message>
    <message>
        <source>Conflicts to resolve: %1</source>
        <translation>待处理的冲突：%1</translation>
    </message>
    <message>
        <source>Sync requested. A running govsyncd starts a round within a few seconds; &quot;govctl sync status&quot; shows the result.</source>
        <translation>已请求同步。正在运行的 govsyncd 会在几秒内开始一轮同步，可用“govctl sync status”查看结果。</translation>
    </message>
    <message>
        <source>No sync conflicts.</source>
        <translation>没有同步冲突。</translation>
    </message>
    <message>
        <source>%1  case %2  %3: local version %4 (%5), upstream based on version %6 wants %7</source>
        <translation>%1  办件 %2  %3：本地版本 %4（%5），上级基于版本 %6 要求改为 %7</translation>
    </message>
    <message>
        <source>sync takes status, now or conflicts</source>
        <translation>sync 的子命令为 status、now 或 conflicts</translation>
    </message>
    <message>
        <source>%1: %2 of %3 rows copied</source>
        <translation>%1：已复制 %2 / %3 行</translation>
    </message>
    <message>
        <source>The target held an interrupted migration; it was emptied and copied again.</source>
        <translation>目标中有一次中断的迁移；已清空并重新复制。</translation>
    </message>
    <message>
        <source>Copied and verified %1 tables (%2 rows) to %3 in %4 s. The audit chain of the copy is intact: %5 records, %6 signed checkpoints.</source>
        <translation>已将 %1 张表（%2 行）复制到 %3 并完成校验，用时 %4 秒。副本的审计链完整：%5 条记录，%6 个签名检查点。</translation>
    </message>
    <message>
        <source>To use the copy as a cache, name it cache.db in a cache folder that holds a copy of the keys folder of the source cache.</source>
        <translation>要把副本作为缓存使用，请将其命名为 cache.db，放在一个包含源缓存 keys 文件夹副本的缓存文件夹中。</translation>
    </message>
    <message>
        <source>the target database: sqlite:///FILE (a new file), postgresql://USER@HOST:PORT/DB or odbc://... (an empty database)</source>
        <translation>目标数据库：sqlite:///文件（新文件）、postgresql://用户@主机:端口/库 或 odbc://...（空数据库）</translation>
    </message>
    <message>
        <source>the source database (default: the cache.db of --cache)</source>
        <translation>源数据库（默认：--cache 中的 cache.db）</translation>
    </message>
    <message>
        <source>rows copied per transaction (default 500)</source>
        <translation>每个事务复制的行数（默认 500）</translation>
    </message>
    <message>
        <source>file whose first line is the password of the server database; GOV_DB_PASSWORD takes precedence</source>
        <translation>文件首行为服务器数据库的密码；GOV_DB_PASSWORD 优先</translation>
    </message>
    <message>
        <source>cache migrate needs --to URL</source>
        <translation>cache migrate 需要 --to URL</translation>
    </message>
    <message>
        <source>cache needs a subcommand: migrate</source>
        <translation>cache 需要子命令：migrate</translation>
    </message>
    <message>
        <source>  cache migrate --to URL [--from URL]   copy the cache to another database and verify the copy</source>
        <translation>  cache migrate --to URL [--from URL]   将缓存复制到另一个数据库并校验副本</translation>
    </message>
    <message>
        <source>Signed update bundles:</source>
        <translation>签名更新包：</translation>
    </message>
    <message>
        <source>  update verify BUNDLE                  check whether a bundle may be installed, and why not</source>
        <translation>  update verify BUNDLE                  检查更新包能否安装，不能时说明原因</translation>
    </message>
    <message>
        <source>  update apply BUNDLE                   verify a bundle and install its packages with dpkg</source>
        <translation>  update apply BUNDLE                   校验更新包并用 dpkg 安装其中的软件包</translation>
    </message>
    <message>
        <source>  update sign --key KEY --cert CERT --version V --arch A --expires DATE -o BUNDLE DEB...</source>
        <translation>  update sign --key 密钥 --cert 证书 --version 版本 --arch 架构 --expires 日期 -o 更新包 DEB...</translation>
    </message>
    <message>
        <source>the signer&apos;s SM2 private key (PEM)</source>
        <translation>签名者的 SM2 私钥（PEM）</translation>
    </message>
    <message>
        <source>the signer&apos;s certificate (PEM), followed by any intermediate CA certificates</source>
        <translation>签名者的证书（PEM），其后可附中间 CA 证书</translation>
    </message>
    <message>
        <source>the Debian version of the release, for example 1.2.0-1</source>
        <translation>该发布的 Debian 版本号，例如 1.2.0-1</translation>
    </message>
    <message>
        <source>the Debian architecture: amd64, arm64, mips64el or loong64</source>
        <translation>Debian 架构：amd64、arm64、mips64el 或 loong64</translation>
    </message>
    <message>
        <source>when the bundle stops being accepted: YYYY-MM-DD (end of that day, UTC) or YYYY-MM-DDTHH:MM:SSZ</source>
        <translation>更新包的失效时间：YYYY-MM-DD（当天结束，UTC）或 YYYY-MM-DDTHH:MM:SSZ</translation>
    </message>
    <message>
        <source>the bundle file to write (short form -o)</source>
        <translation>要写入的更新包文件（简写 -o）</translation>
    </message>
    <message>
        <source>the trust folder; its update-roots/ contains the update signing root CAs (default: trust/ in the cache folder)</source>
        <translation>信任目录；其中的 update-roots/ 存放更新签名根 CA（默认：缓存目录下的 trust/）</translation>
    </message>
    <message>
        <source>the update state folder (default: $GOV_UPDATE_STATE_DIR, else /var/lib/govappliance/update)</source>
        <translation>更新状态目录（默认：$GOV_UPDATE_STATE_DIR，否则为 /var/lib/govappliance/update）</translation>
    </message>
    <message>
        <source>the root folder for dpkg: packages and database under it (dpkg --root)</source>
        <translation>dpkg 的根目录：软件包和数据库都在其下（dpkg --root）</translation>
    </message>
    <message>
        <source>the dpkg database folder (dpkg --admindir)</source>
        <translation>dpkg 数据库目录（dpkg --admindir）</translation>
    </message>
    <message>
        <source>the folder dpkg installs files into (dpkg --instdir)</source>
        <translation>dpkg 安装文件的目标目录（dpkg --instdir）</translation>
    </message>
    <message>
        <source>No update signing root certificate found in %1. Put the province&apos;s update signing root CA certificate (PEM) there.</source>
        <translation>在 %1 中未找到更新签名根证书。请将省级更新签名根 CA 证书（PEM）放到该目录。</translation>
    </message>
    <message>
        <source>The file %1 could not be read. Give a regular file of at most %2 bytes.</source>
        <translation>无法读取文件 %1。请提供不超过 %2 字节的普通文件。</translation>
    </message>
    <message>
        <source>The key given with --key does not belong to the certificate %1. Give the certificate of that key first in the file.</source>
        <translation>--key 指定的密钥与证书 %1 不匹配。请把该密钥对应的证书放在文件的最前面。</translation>
    </message>
    <message>
        <source>The package file name &quot;%1&quot; cannot go into a bundle. Use a .deb file whose name has only letters, digits and . _ + ~ -.</source>
        <translation>软件包文件名“%1”不能放入更新包。请使用文件名只含字母、数字和 . _ + ~ - 的 .deb 文件。</translation>
    </message>
    <message>
        <source>The package file name %1 is given twice.</source>
        <translation>软件包文件名 %1 重复给出。</translation>
    </message>
    <message>
        <source>%1 is not a Debian binary package. Build it with dpkg-deb --build.</source>
        <translation>%1 不是 Debian 二进制软件包。请用 dpkg-deb --build 构建。</translation>
    </message>
    <message>
        <source>--arch takes a Debian architecture name such as amd64, arm64, mips64el or loong64, not &quot;%1&quot;.</source>
        <translation>--arch 需要 Debian 架构名，例如 amd64、arm64、mips64el 或 loong64，而不是“%1”。</translation>
    </message>
    <message>
        <source>--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not &quot;%1&quot;.</source>
        <translation>--expires 需要 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM:SSZ，而不是“%1”。</translation>
    </message>
    <message>
        <source>--expires %1 lies in the past, so no appliance would accept the bundle.</source>
        <translation>--expires %1 已经过去，任何一体机都不会接受该更新包。</translation>
    </message>
    <message>
        <source>update sign needs --%1</source>
        <translation>update sign 需要 --%1</translation>
    </message>
    <message>
        <source>The bundle %1 could not be created (%2).</source>
        <translation>无法创建更新包 %1（%2）。</translation>
    </message>
    <message>
        <source>The bundle %1 could not be written (%2).</source>
        <translation>无法写入更新包 %1（%2）。</translation>
    </message>
    <message>
        <source>Wrote the bundle %1: version %2 for %3, %4 package(s), expires %5 (UTC).</source>
        <translation>已写入更新包 %1：版本 %2，架构 %3，%4 个软件包，%5（UTC）失效。</translation>
    </message>
    <message>
        <source>The bundle may be installed: version %1 (installed: %2), signed by %3.</source>
        <translation>该更新包可以安装：版本 %1（已安装：%2），签名者 %3。</translation>
    </message>
    <message>
        <source>Bundle REJECTED: %1</source>
        <translation>更新包被拒绝：%1</translation>
    </message>
    <message>
        <source>dpkg failed with exit status %1 while installing version %2; its messages are above. Run &quot;dpkg --audit&quot; and fix the cause before applying the bundle again.</source>
        <translation>安装版本 %2 时 dpkg 失败，退出状态 %1；其输出见上方。请运行“dpkg --audit”并排除原因后再应用更新包。</translation>
    </message>
    <message>
        <source>Installed version %1 (previous: %2).</source>
        <translation>已安装版本 %1（之前：%2）。</translation>
    </message>
    <message>
        <source>Version %1 is already installed; nothing to do.</source>
        <translation>版本 %1 已安装，无需操作。</translation>
    </message>
    <message>
        <source>update takes sign, verify or apply</source>
        <translation>update 的子命令为 sign、verify 或 apply</translation>
    </message>
</context>
</TS>
