<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>gov::ui::AboutDialog</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 %2, %3, logical CPUs: %4</source>
        <translation>%1 %2，%3，逻辑 CPU：%4</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>available, this program runs filtered</source>
        <translation>可用，本程序已启用过滤</translation>
    </message>
    <message>
        <source>available, this program runs unfiltered</source>
        <translation>可用，本程序未启用过滤</translation>
    </message>
    <message>
        <source>ABI %1</source>
        <translation>ABI %1</translation>
    </message>
    <message>
        <source>About GovAppliance</source>
        <translation>关于政务一体机</translation>
    </message>
    <message>
        <source>GovAppliance client %1</source>
        <translation>政务一体机客户端 %1</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>seccomp</source>
        <translation>seccomp</translation>
    </message>
    <message>
        <source>Landlock</source>
        <translation>Landlock</translation>
    </message>
    <message>
        <source>User namespaces</source>
        <translation>用户命名空间</translation>
    </message>
</context>
<context>
    <name>gov::ui::CaseDetailWidget</name>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>申请人类型：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名或名称：</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>身份证明：</translation>
    </message>
    <message>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>&amp;Show personal data…</source>
        <translation>查看个人信息(&amp;S)…</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>时限状态：</translation>
    </message>
    <message>
        <source>Current due date:</source>
        <translation>当前截止日期：</translation>
    </message>
    <message>
        <source>Working days left:</source>
        <translation>剩余工作日：</translation>
    </message>
    <message>
        <source>Suspended:</source>
        <translation>已中止计时：</translation>
    </message>
    <message>
        <source>Due dates:</source>
        <translation>各环节截止日期：</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>材料要求</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>提交情况</translation>
    </message>
    <message>
        <source>File</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>SM3 digest</source>
        <translation>SM3 摘要</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>办理操作</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>办理操作</translation>
    </message>
    <message>
        <source>Documents for the applicant</source>
        <translation>送达申请人的文书</translation>
    </message>
    <message>
        <source>Print notice of &amp;acceptance…</source>
        <translation>打印受理通知书(&amp;A)…</translation>
    </message>
    <message>
        <source>Print &amp;correction notice…</source>
        <translation>打印补正告知书(&amp;C)…</translation>
    </message>
    <message>
        <source>Print &amp;decision notice…</source>
        <translation>打印决定书(&amp;D)…</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>未选择办件</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <comment>matter name, matter code, agency</comment>
        <translation>%1（%2），%3</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>办件状态：%1</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
    <message>
        <source>Legal person or other organisation</source>
        <translation>法人或其他组织</translation>
    </message>
    <message>
        <source>Natural person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Unified social credit code: %1</source>
        <translation>统一社会信用代码：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>ID document type and number</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&amp;Hide personal data</source>
        <translation>隐藏个人信息(&amp;H)</translation>
    </message>
    <message>
        <source>Hide personal data</source>
        <translation>隐藏个人信息</translation>
    </message>
    <message>
        <source>Show personal data</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>剩余 %1 个工作日</translation>
    </message>
    <message>
        <source>%1 working days overdue</source>
        <translation>已超期 %1 个工作日</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <source>intake decision by %1</source>
        <translation>受理决定截止于 %1</translation>
    </message>
    <message>
        <source>decision by %1</source>
        <translation>作出决定截止于 %1</translation>
    </message>
    <message>
        <source>delivery by %1</source>
        <translation>送达截止于 %1</translation>
    </message>
    <message>
        <source>Provided</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Not provided</source>
        <translation>未提交</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>state before and after an action</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Application submitted</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Sign in to act on cases.</source>
        <translation>请先登录，再办理办件。</translation>
    </message>
    <message>
        <source>Why do you need the personal data of case %1? The reason and your operator id are recorded in the audit log.</source>
        <translation>为何需要查看办件 %1 的个人信息？查看理由和您的操作员编号将记入审计日志。</translation>
    </message>
    <message>
        <source>Showing personal data needs a reason. Choose &quot;Show personal data&quot; again and enter the reason.</source>
        <translation>查看个人信息须填写理由。请再次点击“查看个人信息”并填写理由。</translation>
    </message>
    <message>
        <source>Personal data is shown. The reveal is recorded in the audit log.</source>
        <translation>已显示个人信息，本次查看已记入审计日志。</translation>
    </message>
    <message>
        <source>%1: case %2 is now in state &quot;%3&quot;.</source>
        <translation>%1：办件 %2 当前状态为“%3”。</translation>
    </message>
    <message>
        <source>Approve case %1? The decision is recorded and cannot be undone.</source>
        <translation>确定对办件 %1 作出准予决定吗？决定一经记录即不可撤销。</translation>
    </message>
    <message>
        <source>Who approved the extension of case %1? Enter the head of the agency.</source>
        <translation>办件 %1 的延期由谁批准？请填写批准延期的本机关负责人。</translation>
    </message>
    <message>
        <source>Issue one correction notice for case %1 that lists every missing required material: %2?</source>
        <translation>是否为办件 %1 出具补正告知书，一次性告知缺少的全部必需材料：%2？</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Why is case %1 not accepted? The reason is recorded and given to the applicant.</source>
        <translation>办件 %1 不予受理的理由是什么？理由将记录在案并告知申请人。</translation>
    </message>
    <message>
        <source>Reasons for denying case %1. A denial must state its reasons; they are printed on the decision notice.</source>
        <translation>请填写对办件 %1 作出不予决定的理由。不予决定必须说明理由，理由将载入决定书。</translation>
    </message>
    <message>
        <source>Why does the clock of case %1 stop?</source>
        <translation>办件 %1 中止计时的理由是什么？</translation>
    </message>
    <message>
        <source>Why does case %1 need the extension?</source>
        <translation>办件 %1 需要延期的理由是什么？</translation>
    </message>
    <message>
        <source>Reason for case %1:</source>
        <translation>办件 %1 的理由：</translation>
    </message>
    <message>
        <source>correction of materials</source>
        <translation>补正材料</translation>
    </message>
    <message>
        <source>hearing</source>
        <translation>听证</translation>
    </message>
    <message>
        <source>expert review</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <source>inspection, testing or quarantine</source>
        <translation>检验、检测、检疫</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>option name and the key to type</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Why does the clock of case %1 stop? Enter one of: %2.</source>
        <translation>办件 %1 因何中止计时？请填写以下情形之一：%2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of suspension. Choose the action again and enter one of: %2.</source>
        <translation>“%1”不是可中止计时的情形。请重新选择该操作，并填写以下情形之一：%2。</translation>
    </message>
    <message>
        <source>How is the decision on case %1 delivered? Enter one of: %2.</source>
        <translation>办件 %1 的决定以何种方式送达？请填写以下方式之一：%2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a delivery method. Choose the action again and enter one of: %2.</source>
        <translation>“%1”不是有效的送达方式。请重新选择该操作，并填写以下方式之一：%2。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>material code and name</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Which materials of case %1 arrived? Enter their codes, separated by commas. Still missing: %2.</source>
        <translation>办件 %1 已收到哪些补正材料？请填写材料编码，以逗号分隔。仍缺少：%2。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Print the %1 for the applicant</source>
        <translation>为申请人打印%1</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印%1</translation>
    </message>
    <message>
        <source>The document names the applicant, so printing reads the personal data of case %1. Reason (recorded in the audit log):</source>
        <translation>该文书载有申请人信息，打印时将读取办件 %1 的个人信息。请填写理由（将记入审计日志）：</translation>
    </message>
    <message>
        <source>Printing needs a reason. Choose the document again and enter the reason.</source>
        <translation>打印须填写理由。请重新选择该文书并填写理由。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; for case %2 was sent to the printer.</source>
        <translation>办件 %2 的《%1》已发送至打印机。</translation>
    </message>
</context>
<context>
    <name>gov::ui::CaseQueueModel</name>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>办件状态</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>No case cache is open. Open a cache folder and try again.</source>
        <translation>未打开办件缓存。请打开缓存目录后重试。</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>无法计算</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is the number of working days left, %2 the deadline status (&quot;Due soon&quot;)</extracomment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>gov::ui::CaseQueueWidget</name>
    <message>
        <source>Case queue</source>
        <translation>办件列表</translation>
    </message>
    <message>
        <source>Case queue status</source>
        <translation>办件列表状态</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>办件状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Matter:</source>
        <translation>事项(&amp;M)：</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>搜索(&amp;R)：</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>按办件状态筛选</translation>
    </message>
    <message>
        <source>Filter by matter</source>
        <translation>按事项筛选</translation>
    </message>
    <message>
        <source>Show only cases due soon</source>
        <translation>仅显示即将到期的办件</translation>
    </message>
    <message>
        <source>Show only cases with %1 or fewer working days left</source>
        <translation>仅显示剩余办理时限不超过%1个工作日的办件</translation>
    </message>
    <message>
        <source>Show only overdue cases</source>
        <translation>仅显示已超期的办件</translation>
    </message>
    <message>
        <source>Show only cases past their due date</source>
        <translation>仅显示已超过办理期限的办件</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>搜索办件</translation>
    </message>
    <message>
        <source>Case number, matter code, or last 4 of the ID number or credit code</source>
        <translation>办件编号、事项编码，或证件号码、统一社会信用代码后4位</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh the case queue</source>
        <translation>刷新办件列表</translation>
    </message>
    <message>
        <source>Read the cases again from the cache</source>
        <translation>从缓存重新读取办件</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All matters</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>gov::ui::DashboardWidget</name>
    <message>
        <source>Dashboard</source>
        <translation>统计看板</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh the dashboard</source>
        <translation>刷新统计看板</translation>
    </message>
    <message>
        <source>Chart of cases per state</source>
        <translation>各状态办件数量图</translation>
    </message>
    <message>
        <source>Chart of due-soon and overdue cases per matter</source>
        <translation>各事项即将到期和已超期办件图</translation>
    </message>
    <message>
        <source>Cases per state</source>
        <translation>各状态办件数量</translation>
    </message>
    <message>
        <source>State</source>
        <translation>办件状态</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件数</translation>
    </message>
    <message>
        <source>Due-soon and overdue cases per matter</source>
        <translation>各事项即将到期和已超期办件</translation>
    </message>
    <message>
        <source>Matter code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>The dashboard could not read the cases: %1</source>
        <translation>统计看板读取办件失败：%1</translation>
    </message>
    <message>
        <source>The dashboard could not read the catalog: %1</source>
        <translation>统计看板读取事项目录失败：%1</translation>
    </message>
    <message>
        <source>Cases as of %1: %2 in all, %3 due soon, %4 overdue.</source>
        <translation>截至%1：共有办件 %2 件，即将到期 %3 件，已超期 %4 件。</translation>
    </message>
    <message>
        <source>No case is due soon or overdue.</source>
        <translation>暂无即将到期或已超期的办件。</translation>
    </message>
    <message>
        <source>Due-soon and overdue cases of the %1 matters with the most</source>
        <translation>即将到期和已超期办件最多的 %1 个事项</translation>
    </message>
</context>
<context>
    <name>gov::ui::DocumentWriter</name>
    <message>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <comment>date format on printed documents, QDate::toString syntax</comment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>%1 (matter code %2)</source>
        <translation>%1（事项编码：%2）</translation>
    </message>
    <message>
        <source>Applicant:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>%1:</source>
        <comment>ID document type as a field label</comment>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Unified social credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <source>To the applicant:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>To %1:</source>
        <comment>salutation of a notice</comment>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Case number: %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>Case number:</source>
        <translation>办件编号：</translation>
    </message>
    <message>
        <source>Matter:</source>
        <translation>申请事项：</translation>
    </message>
    <message>
        <source>Agency:</source>
        <translation>实施机关：</translation>
    </message>
    <message>
        <source>Submitted on:</source>
        <translation>申请日期：</translation>
    </message>
    <message>
        <source>(seal)</source>
        <translation>（印章）</translation>
    </message>
    <message>
        <source>Statutory time limit: %1 working days; promised time limit: on the spot.</source>
        <translation>法定办结时限为 %1 个工作日，承诺即时办结。</translation>
    </message>
    <message>
        <source>Statutory time limit: %1 working days; promised time limit: %2 working days.</source>
        <translation>法定办结时限为 %1 个工作日，承诺办结时限为 %2 个工作日。</translation>
    </message>
    <message>
        <source>This office accepted your application for %1, submitted on %2, on %3.</source>
        <translation>你（单位）于%2提出的%1申请，本机关已于%3受理。</translation>
    </message>
    <message>
        <source>The decision is due within %1 working days of acceptance, by %2.</source>
        <translation>本机关将自受理之日起 %1 个工作日内，即%2前作出决定。</translation>
    </message>
    <message>
        <source>The decision is due within %1 working days of acceptance.</source>
        <translation>本机关将自受理之日起 %1 个工作日内作出决定。</translation>
    </message>
    <message>
        <source>Time spent on hearings, expert review, inspection or the correction of materials does not count toward this limit.</source>
        <translation>依法需要听证、专家评审、检验检测检疫或者补正材料的，所需时间不计入上述期限。</translation>
    </message>
    <message>
        <source>Keep this notice. With the case number %1 you can look up the progress of your case.</source>
        <translation>请妥善保管本通知书，可凭办件编号 %1 查询办理进度。</translation>
    </message>
    <message>
        <source>Your application for %1, submitted on %2, lacks the following required materials. Hand in all of them:</source>
        <translation>你（单位）于%2提出的%1申请，缺少下列必需材料，请一并补正：</translation>
    </message>
    <message>
        <source>%1 (%2, copies: %3)</source>
        <comment>material name, form, number of copies</comment>
        <translation>%1（%2，%3 份）</translation>
    </message>
    <message>
        <source>Once every material listed above has arrived, this office decides within %1 working days whether to accept the application.</source>
        <translation>本机关自收到上述全部补正材料之日起 %1 个工作日内作出是否受理的决定。</translation>
    </message>
    <message>
        <source>After review, your application for %1, accepted on %2, meets the statutory conditions and standards. This office decides to approve it.</source>
        <translation>你（单位）提出的%1申请，本机关已于%2受理。经审查，该申请符合法定条件、标准，本机关决定准予。</translation>
    </message>
    <message>
        <source>Remarks: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>After review, this office decides not to approve your application for %1, accepted on %2, for the following reasons:</source>
        <translation>你（单位）提出的%1申请，本机关已于%2受理。经审查，本机关对该申请作出不予决定，理由如下：</translation>
    </message>
    <message>
        <source>If you disagree with this decision, you have the right to apply for administrative reconsideration or to bring an administrative lawsuit in accordance with the law.</source>
        <translation>如不服本决定，你（单位）享有依法申请行政复议或者提起行政诉讼的权利。</translation>
    </message>
    <message>
        <source>Decided on: %1</source>
        <translation>决定日期：%1</translation>
    </message>
    <message>
        <source>Delivered on %1, method: %2.</source>
        <translation>本决定已于%1送达，送达方式：%2。</translation>
    </message>
    <message>
        <source>This decision is delivered within %1 working days of the decision, by %2.</source>
        <translation>本决定将自作出之日起 %1 个工作日内，即%2前送达。</translation>
    </message>
    <message>
        <source>Notice of acceptance</source>
        <translation>受理通知书</translation>
    </message>
    <message>
        <source>Notice of materials to correct</source>
        <translation>申请材料补正告知书</translation>
    </message>
    <message>
        <source>Decision not to grant the administrative license</source>
        <translation>不予行政许可决定书</translation>
    </message>
    <message>
        <source>Notice of denial</source>
        <translation>不予决定书</translation>
    </message>
    <message>
        <source>Decision to grant the administrative license</source>
        <translation>准予行政许可决定书</translation>
    </message>
    <message>
        <source>Notice of approval</source>
        <translation>准予决定书</translation>
    </message>
    <message>
        <source>collected at the service window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <source>by post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <source>electronic delivery</source>
        <translation>电子送达</translation>
    </message>
    <message>
        <source>The document &quot;%1&quot; does not apply to case %2 in state &quot;%3&quot;.</source>
        <translation>办件 %2 当前状态为“%3”，不适用《%1》。</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder.</source>
        <translation>无法写入文件 %1：%2。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Printing &quot;%1&quot; for case %2 failed. Check the printer and try again.</source>
        <translation>办件 %2 的《%1》打印失败，请检查打印机后重试。</translation>
    </message>
</context>
<context>
    <name>gov::ui::InputMethodCheck</name>
    <message>
        <source>Chinese input is not available: the fcitx input method is configured, but its Qt 6 plugin is missing. Ask the administrator to install the package fcitx5-frontend-qt6.</source>
        <translation>无法输入中文：已配置 fcitx 输入法，但缺少其 Qt 6 插件。请联系管理员安装软件包 fcitx5-frontend-qt6。</translation>
    </message>
</context>
<context>
    <name>gov::ui::KioskReceipt</name>
    <message>
        <source>Due date: %1</source>
        <translation>办理截止日期：%1</translation>
    </message>
    <message>
        <source>Due date: none at this stage</source>
        <translation>办理截止日期：当前阶段无办理期限</translation>
    </message>
    <message>
        <source>Deadline status: %1</source>
        <translation>时限状态：%1</translation>
    </message>
    <message>
        <source>Deadline status: please ask at the service window</source>
        <translation>时限状态：请到服务窗口咨询</translation>
    </message>
    <message>
        <source>Case Lookup Receipt</source>
        <translation>办件查询回执</translation>
    </message>
    <message>
        <source>Case number: %1</source>
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>Matter: %1</source>
        <translation>事项名称：%1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>办理状态：%1</translation>
    </message>
    <message>
        <source>Printed at: %1</source>
        <translation>打印时间：%1</translation>
    </message>
    <message>
        <source>This slip contains no personal data. For details, bring your ID document to the service window.</source>
        <translation>本回执不含个人信息。如需了解详情，请携带身份证件到服务窗口咨询。</translation>
    </message>
    <message>
        <source>The receipt could not be printed. Please ask at the service window.</source>
        <translation>回执打印失败，请到服务窗口咨询。</translation>
    </message>
</context>
<context>
    <name>gov::ui::KioskWindow</name>
    <message>
        <source>Government Services Self-Service Kiosk</source>
        <translation>政务服务自助终端</translation>
    </message>
    <message>
        <source>Look up a case</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Materials lists</source>
        <translation>申请材料清单</translation>
    </message>
    <message>
        <source>Government Services Self-Service</source>
        <translation>政务服务自助查询</translation>
    </message>
    <message>
        <source>Touch a button to begin.</source>
        <translation>请点击下方按钮开始。</translation>
    </message>
    <message>
        <source>Case number (printed on your acceptance receipt)</source>
        <translation>办件编号（见受理回执）</translation>
    </message>
    <message>
        <source>Last %1 characters of the applicant&apos;s ID number (for a company: of the unified social credit code)</source>
        <translation>申请人身份证件号码后%1位（单位申请人请输入统一社会信用代码后%1位）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>按键%1</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理截止日期</translation>
    </message>
    <message>
        <source>Deadline status</source>
        <translation>时限状态</translation>
    </message>
    <message>
        <source>This screen shows no personal data. It returns to the start screen after %1 seconds without use.</source>
        <translation>本页面不显示个人信息。无操作%1秒后将自动返回首页。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>办件状态</translation>
    </message>
    <message>
        <source>Matters</source>
        <translation>事项列表</translation>
    </message>
    <message>
        <source>Materials list</source>
        <translation>材料清单</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Required or optional</source>
        <translation>是否必要</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>材料形式</translation>
    </message>
    <message>
        <source>Choose a matter to see the materials to bring.</source>
        <translation>请选择事项，查看需要提交的申请材料。</translation>
    </message>
    <message>
        <source>Enter the case number printed on your acceptance receipt.</source>
        <translation>请输入受理回执上的办件编号。</translation>
    </message>
    <message>
        <source>Enter the last %1 characters of the ID number.</source>
        <translation>请输入证件号码后%1位。</translation>
    </message>
    <message>
        <source>Case lookup is not available at this kiosk. Please ask at the service window.</source>
        <translation>本机暂不提供办件查询，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>None at this stage</source>
        <translation>当前阶段无办理期限</translation>
    </message>
    <message>
        <source>Cannot be shown here. Please ask at the service window.</source>
        <translation>本机无法显示，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>The receipt could not be printed. Please ask at the service window.</source>
        <translation>回执打印失败，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>No printer is available at this kiosk. Please ask at the service window.</source>
        <translation>本机没有可用的打印机，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Your receipt has been printed. Please take it from the printer slot.</source>
        <translation>回执已打印，请从出纸口取走。</translation>
    </message>
    <message>
        <source>No materials lists are available at this kiosk. Please ask at the service window.</source>
        <translation>本机暂无申请材料清单，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Time limit: decided on the spot</source>
        <translation>办结时限：即办</translation>
    </message>
    <message>
        <source>Time limit: %1 working days</source>
        <translation>办结时限：%1个工作日</translation>
    </message>
    <message>
        <source>Fee: free of charge</source>
        <translation>收费标准：不收费</translation>
    </message>
    <message>
        <source>Fee: %1 yuan</source>
        <translation>收费标准：%1元</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>事项类型：%1</translation>
    </message>
    <message>
        <source>Agency: %1</source>
        <translation>实施机构：%1</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必要</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>非必要</translation>
    </message>
</context>
<context>
    <name>gov::ui::MainWindow</name>
    <message>
        <source>Government Services Workbench</source>
        <translation>政务服务工作台</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>办件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>新建办件(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Search cases</source>
        <translation>查找办件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Case &amp;queue</source>
        <translation>办件队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New case form</source>
        <translation>新建办件(&amp;N)</translation>
    </message>
    <message>
        <source>Case &amp;details</source>
        <translation>办件详情(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>统计看板(&amp;B)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <source>Signed-in operator</source>
        <translation>当前操作员</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Cache folder</source>
        <translation>本地缓存目录</translation>
    </message>
    <message>
        <source>No operator is signed in.</source>
        <translation>当前没有操作员登录。</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>办件队列</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建办件</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>办件详情</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>统计看板</translation>
    </message>
    <message>
        <source>The screen &quot;%1&quot; is not part of this build.</source>
        <translation>本版本未包含“%1”界面。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Operator: %1 (%2)</source>
        <translation>操作员：%1（%2）</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>本地缓存：%1</translation>
    </message>
    <message>
        <source>Calendar %1</source>
        <translation>工作日历 %1 版</translation>
    </message>
    <message>
        <source>Sync state unknown</source>
        <translation>同步状态未知</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GovAppliance</source>
        <translation>关于政务一体机(&amp;A)</translation>
    </message>
</context>
<context>
    <name>gov::ui::MaterialsChecklist</name>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>The materials list appears when a matter is chosen.</source>
        <translation>选择事项后显示申请材料清单。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>material code and name</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Provided: %1</source>
        <translation>已提交：%1</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>%1, %2, copies: %3</source>
        <comment>required or optional, form, number of copies</comment>
        <translation>%1，%2，%3 份</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Attach a file for &quot;%1&quot;</source>
        <translation>为“%1”添加附件</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>Remove the file of &quot;%1&quot;</source>
        <translation>移除“%1”的附件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.ofd *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>文档 (*.pdf *.ofd *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The file %1 cannot be read. Choose another file for &quot;%2&quot;.</source>
        <translation>无法读取文件 %1，请为“%2”另选文件。</translation>
    </message>
</context>
<context>
    <name>gov::ui::NewCaseWidget</name>
    <message>
        <source>Matter</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Type part of the matter name or code</source>
        <translation>输入事项名称或编码的一部分进行查找</translation>
    </message>
    <message>
        <source>&amp;Matter:</source>
        <translation>事项(&amp;M)：</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>&amp;Natural person</source>
        <translation>自然人(&amp;N)</translation>
    </message>
    <message>
        <source>Natural person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Legal person or &amp;other organisation</source>
        <translation>法人或其他组织(&amp;O)</translation>
    </message>
    <message>
        <source>Legal person or other organisation</source>
        <translation>法人或其他组织</translation>
    </message>
    <message>
        <source>Applicant name</source>
        <translation>申请人姓名</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>ID document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document &amp;type:</source>
        <translation>证件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>ID n&amp;umber:</source>
        <translation>证件号码(&amp;U)：</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位信息</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Unified social &amp;credit code:</source>
        <translation>统一社会信用代码(&amp;C)：</translation>
    </message>
    <message>
        <source>O&amp;verride with reason…</source>
        <translation>说明理由后确认(&amp;V)…</translation>
    </message>
    <message>
        <source>Accept the credit code with a reason</source>
        <translation>说明理由后确认使用该统一社会信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>&amp;Legal representative:</source>
        <translation>法定代表人(&amp;L)：</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Mobile or landline, optional</source>
        <translation>手机或固定电话，选填</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Address, optional</source>
        <translation>地址，选填</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <source>Submit the application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Submit the application (Ctrl+Enter)</source>
        <translation>提交申请（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Clea&amp;r form</source>
        <translation>清空表单(&amp;R)</translation>
    </message>
    <message>
        <source>Clear every field</source>
        <translation>清空全部填写内容</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>matter name and code</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No matters in the cache. Import a catalog first.</source>
        <translation>本机缓存中没有事项，请先导入事项目录。</translation>
    </message>
    <message>
        <source>Choose the matter of the application.</source>
        <translation>请选择申请办理的事项。</translation>
    </message>
    <message>
        <source>on the spot</source>
        <translation>即办</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <source>free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <source>Type: %1. Agency: %2.</source>
        <translation>事项类型：%1。实施机关：%2。</translation>
    </message>
    <message>
        <source>Statutory time limit: %1 working days. Promised time limit: %2. Fee: %3.</source>
        <translation>法定办结时限：%1 个工作日。承诺办结时限：%2。收费标准：%3。</translation>
    </message>
    <message>
        <source>Organisation n&amp;ame:</source>
        <translation>单位名称(&amp;A)：</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>姓名(&amp;A)：</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>The name is missing. Enter it as it appears on the identity document or business licence.</source>
        <translation>未填写姓名或名称。请按身份证件或营业执照所载填写。</translation>
    </message>
    <message>
        <source>Valid 15-digit ID number; it is stored in its 18-character form.</source>
        <translation>15 位公民身份号码有效，将按 18 位格式保存。</translation>
    </message>
    <message>
        <source>Valid ID number.</source>
        <translation>公民身份号码有效。</translation>
    </message>
    <message>
        <source>Valid unified social credit code.</source>
        <translation>统一社会信用代码有效。</translation>
    </message>
    <message>
        <source>Accepted by override, reason: %1</source>
        <translation>已说明理由并确认使用，理由：%1</translation>
    </message>
    <message>
        <source>If the code is printed this way on the business licence, choose &quot;Override with reason&quot;.</source>
        <translation>如营业执照所载代码确系如此，请点击“说明理由后确认”。</translation>
    </message>
    <message>
        <source>The legal representative is missing. Enter the name shown on the business licence.</source>
        <translation>未填写法定代表人。请按营业执照所载填写。</translation>
    </message>
    <message>
        <source>Valid phone number.</source>
        <translation>联系电话有效。</translation>
    </message>
    <message>
        <source>open a cache</source>
        <translation>打开本机缓存</translation>
    </message>
    <message>
        <source>sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>choose a matter</source>
        <translation>选择事项</translation>
    </message>
    <message>
        <source>enter the organisation name</source>
        <translation>填写单位名称</translation>
    </message>
    <message>
        <source>enter the applicant&apos;s name</source>
        <translation>填写申请人姓名</translation>
    </message>
    <message>
        <source>enter the unified social credit code</source>
        <translation>填写统一社会信用代码</translation>
    </message>
    <message>
        <source>correct the unified social credit code</source>
        <translation>更正统一社会信用代码</translation>
    </message>
    <message>
        <source>enter the legal representative</source>
        <translation>填写法定代表人</translation>
    </message>
    <message>
        <source>enter the ID number</source>
        <translation>填写证件号码</translation>
    </message>
    <message>
        <source>correct the ID number</source>
        <translation>更正证件号码</translation>
    </message>
    <message>
        <source>correct the phone number</source>
        <translation>更正联系电话</translation>
    </message>
    <message>
        <source>Before submitting: %1.</source>
        <translation>提交前请：%1。</translation>
    </message>
    <message>
        <source>; </source>
        <comment>list separator</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Override the check character</source>
        <translation>校验码不符时确认使用</translation>
    </message>
    <message>
        <source>The check character of the code %1 does not match. Why is the code accepted as it is? The reason is recorded in the audit log.</source>
        <translation>统一社会信用代码 %1 的校验码不符。为何仍按原样使用该代码？理由将记入审计日志。</translation>
    </message>
    <message>
        <source>An override needs a reason. Choose &quot;Override with reason&quot; again and enter it.</source>
        <translation>确认使用须填写理由。请再次点击“说明理由后确认”并填写理由。</translation>
    </message>
    <message>
        <source>Case %1 was registered.</source>
        <translation>办件 %1 已登记。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Required materials missing</source>
        <translation>缺少必需材料</translation>
    </message>
    <message>
        <source>Case %1 lacks these required materials: %2. Issue one correction notice that lists all of them now?</source>
        <translation>办件 %1 缺少以下必需材料：%2。是否立即出具补正告知书，一次性告知全部缺少的材料？</translation>
    </message>
    <message>
        <source>Required materials are missing (%1). Issue the correction notice from the case view within %2 working days of submission.</source>
        <translation>缺少必需材料（%1）。请自申请之日起 %2 个工作日内在办件详情中出具补正告知书。</translation>
    </message>
    <message>
        <source>The correction notice could not be issued: %1</source>
        <translation>补正告知书未能出具：%1</translation>
    </message>
    <message>
        <source>A correction notice listing %1 was issued.</source>
        <translation>已出具补正告知书，一次性告知补正：%1。</translation>
    </message>
    <message>
        <source>The application was not registered. Correct the marked field and submit again.</source>
        <translation>申请未登记。请更正标记的栏目后重新提交。</translation>
    </message>
    <message>
        <source>The application was not registered. Check the materials and submit again.</source>
        <translation>申请未登记。请检查申请材料后重新提交。</translation>
    </message>
</context>
<context>
    <name>gov::ui::SignInDialog</name>
    <message>
        <source>Sign in to the workbench</source>
        <translation>登录政务服务工作台</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Operator ID and PIN</source>
        <translation>操作员编号和 PIN 码</translation>
    </message>
    <message>
        <source>USB key</source>
        <translation>USB Key</translation>
    </message>
    <message>
        <source>USB key sign-in is not available on this terminal yet.</source>
        <translation>本终端暂不支持 USB Key 登录。</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Operator ID</source>
        <translation>操作员编号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>&amp;Operator ID:</source>
        <translation>操作员编号(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <source>Insert your USB key and enter its PIN. This method is not available on this terminal yet; sign in with your operator ID and PIN.</source>
        <translation>请插入 USB Key 并输入其 PIN 码。本终端暂不支持此登录方式，请使用操作员编号和 PIN 码登录。</translation>
    </message>
    <message>
        <source>Enter your operator ID and PIN.</source>
        <translation>请输入操作员编号和 PIN 码。</translation>
    </message>
</context>
<context>
    <name>govclient</name>
    <message>
        <source>Workbench and citizen kiosk of the government services appliance.</source>
        <translation>政务一体机的工作台和群众自助终端。</translation>
    </message>
    <message>
        <source>Cache folder (default: $GOV_CACHE_DIR, else ./govcache).</source>
        <translation>本地缓存目录（默认取 $GOV_CACHE_DIR，未设置时为 ./govcache）。</translation>
    </message>
    <message>
        <source>Start the citizen self-service kiosk.</source>
        <translation>启动群众自助终端界面。</translation>
    </message>
    <message>
        <source>Language of the interface, zh_CN or en (default: system locale).</source>
        <translation>界面语言，zh_CN 或 en（默认跟随系统区域设置）。</translation>
    </message>
    <message>
        <source>Reference date for deadlines, YYYY-MM-DD (default: the current date).</source>
        <translation>计算办理时限的基准日期，格式为 YYYY-MM-DD（默认为当天）。</translation>
    </message>
    <message>
        <source>Kiosk: seconds without input before the screen is cleared.</source>
        <translation>自助终端：无操作多少秒后清空屏幕。</translation>
    </message>
    <message>
        <source>Kiosk not available</source>
        <translation>自助终端不可用</translation>
    </message>
    <message>
        <source>This build of govclient has no kiosk mode. Start it without --kiosk.</source>
        <translation>此版本的 govclient 不含自助终端模式，请去掉 --kiosk 参数后启动。</translation>
    </message>
    <message>
        <source>Cannot open the cache</source>
        <translation>无法打开本地缓存</translation>
    </message>
</context>
</TS>
