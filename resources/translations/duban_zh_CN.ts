<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="+40"/>
        <location line="+52"/>
        <source>Supervision ledger</source>
        <translation>督办台账</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <location filename="../../desktop/dashboard.py" line="+92"/>
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this chart as a PNG picture or a PDF file</source>
        <translation>将此图表保存为 PNG 图片或 PDF 文件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The chart could not be saved: %1</source>
        <translation>图表未能保存：%1</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../desktop/controller.py" line="+99"/>
        <source>Select a task in the tree to see and edit it here.</source>
        <translation>请在计划目录中选中一项任务，即可在此查看和编辑。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>&amp;Import plan…</source>
        <translation>导入计划(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export JSON…</source>
        <translation>导出 JSON(&amp;E)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New &amp;task</source>
        <translation>新建任务(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;section</source>
        <translation>新建一级标题(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New su&amp;bsection</source>
        <translation>新建二级标题(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit re&amp;gistry…</source>
        <translation>单位登记表(&amp;G)…</translation>
    </message>
    <message>
        <location line="+615"/>
        <source>Supervision ledger — %1</source>
        <translation>督办台账 — %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location line="-668"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;New ledger…</source>
        <translation>新建台账(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open ledger…</source>
        <translation>打开台账(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History of changes…</source>
        <translation>修改记录(&amp;H)…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New &amp;level-3 heading</source>
        <translation>新建三级标题(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Setti&amp;ngs…</source>
        <translation>设置(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monthly &amp;supervision sheet…</source>
        <translation>月度督查表(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision &amp;notices…</source>
        <translation>督办单(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register of n&amp;otices…</source>
        <translation>督办单登记簿(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly &amp;bulletin (Word)…</source>
        <translation>月度通报 Word 版(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ledger as Excel…</source>
        <translation>导出台账 Excel(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fill-in sheets for the units…</source>
        <translation>生成各单位填报表(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import returned sheets…</source>
        <translation>导入交回的填报表(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units not yet &amp;reported…</source>
        <translation>催报名单(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;nits</source>
        <translation>单位(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre&amp;vious month</source>
        <translation>上个月(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ne&amp;xt month</source>
        <translation>下个月(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Task form</source>
        <translation>任务详情(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Monthly progress</source>
        <translation>月度进展(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hanges of the task</source>
        <translation>任务修改记录(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision ledger %1
The ledger of a work plan, its monthly progress and supervision.</source>
        <translation>督办台账 %1
记录工作计划的任务分工、月度进展和督办情况。</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>No plan yet: File → Import plan…</source>
        <translation>尚无工作计划：请选择“文件 → 导入计划…”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 tasks · %2: completed %3, overdue %4, not reported %5</source>
        <translation>共 %1 项任务 · %2：已完成 %3 项，逾期 %4 项，未报送 %5 项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Showing %1 of them · %2</source>
        <translation>显示其中 %1 项 · %2</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Select the section or the task after which the new task goes.</source>
        <translation>请先选中新任务所属的标题，或选中一项任务（新任务将排在其后）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Untitled task</source>
        <translation>新任务</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select the section the new subsection goes into.</source>
        <translation>请先选中新二级标题所属的一级标题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the subsection the new level-3 heading goes into.</source>
        <translation>请先选择新三级标题所属的二级标题。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New section</source>
        <translation>新建一级标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New subsection</source>
        <translation>新建二级标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New level-3 heading</source>
        <translation>新建三级标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untitled heading</source>
        <translation>新标题</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete task “%1” with its units and monthly reports?</source>
        <translation>确定删除任务“%1”及其责任分工和月度进展吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete task %1</source>
        <translation>删除任务 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete “%1” with everything under it?</source>
        <translation>确定删除“%1”及其下的全部内容吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>There is no plan to report on yet: File → Import plan…</source>
        <translation>还没有工作计划：请先用“文件 → 导入计划…”导入。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ledger workbook</source>
        <translation>台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger as Excel</source>
        <translation>导出台账 Excel</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+56"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Writing the ledger…</source>
        <translation>正在写入台账…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bulletin</source>
        <translation>通报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly bulletin</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Word (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the bulletin…</source>
        <translation>正在生成通报…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folder for the fill-in sheets</source>
        <translation>选择存放填报表的文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 fill-in sheets written to %2</source>
        <translation>已生成 %1 份填报表，保存在 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing the fill-in sheets…</source>
        <translation>正在生成填报表…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Returned sheets</source>
        <translation>选择交回的填报表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the returned sheets…</source>
        <translation>正在读取填报表…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no backup of this database yet.</source>
        <translation>这个数据库还没有备份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backup to go back to (newest first):</source>
        <translation>选择要恢复的备份（最新的在前）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace the database with the backup %1? The current database is backed up first.</source>
        <translation>用备份 %1 替换当前数据库吗？替换前会先备份当前数据库。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Restore from backup %1</source>
        <translation>从备份 %1 恢复</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Import plan</source>
        <translation>导入计划</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plans (*.docx *.pdf *.xlsx *.xls *.csv *.txt);;All files (*)</source>
        <translation>工作计划 (*.docx *.pdf *.xlsx *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+18"/>
        <source>New ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ledgers (*.db)</source>
        <translation>台账 (*.db)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+28"/>
        <source>Open ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Ledgers (*.db);;All files (*)</source>
        <translation>台账 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is the ledger open now.</source>
        <translation>%1 就是现在打开的台账。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export JSON</source>
        <translation>导出 JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../desktop/dashboard.py" line="+53"/>
        <source>No plan in this ledger yet.</source>
        <translation>本台账中还没有工作计划。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1, %2: %3 tasks, %4 completed (%5), %6 overdue; reports this month %7 of %8, on time %9.</source>
        <translation>%1&#x3000;%2：共%3项任务，已完成%4项（%5），逾期%6项；本月应报送%8项，已报送%7项，按时报送率%9。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Dashboard</source>
        <translation>统计图表(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop/errors.py" line="+44"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The details were written to %1.</source>
        <translation>详细信息已记入 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The details could not be written to a log file.</source>
        <translation>详细信息无法写入日志文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The program met an error it did not expect (%1). What you were doing may not have been finished; check it before you go on. %2 Please send the details to whoever maintains the program.</source>
        <translation>程序出现了意外错误（%1）。刚才的操作可能没有完成，请先检查再继续。%2请把详细信息发给维护本程序的人员。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/filter_bar.py" line="+31"/>
        <source>Search tasks, requirements, units, progress (Ctrl+F)</source>
        <translation>搜索任务、工作要求、单位、进展（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All lights</source>
        <translation>全部预警灯</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No light</source>
        <translation>无预警灯</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not reported this month</source>
        <translation>本月未报送</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../desktop/grid_model.py" line="+134"/>
        <source>Row</source>
        <translation>行类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (guessed)</source>
        <translation>%1（推测）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column %1: read as “%2”, guessed from its content.</source>
        <translation>第 %1 列：按“%2”读取（根据内容推测）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column %1: read as “%2”.</source>
        <translation>第 %1 列：按“%2”读取。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Right-click or press Ctrl+R to read it as something else.</source>
        <translation>单击列标题、右击或按 Ctrl+R 可改为其他读法。</translation>
    </message>
</context>
<context>
    <name>HeadingForm</name>
    <message>
        <location filename="../../desktop/heading_form.py" line="+38"/>
        <source>N&amp;umeral</source>
        <translation>序号(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heading</source>
        <translation>标题(&amp;H)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Edit heading %1</source>
        <translation>修改标题“%1”</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../desktop/history_words.py" line="+18"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading</source>
        <translation>标题行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+64"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Alias of a unit</source>
        <translation>单位别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member of a collective</source>
        <translation>统称的成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit of a task</source>
        <translation>任务的单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly progress</source>
        <translation>月度进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A unit&apos;s report</source>
        <translation>单位填报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-off</source>
        <translation>销号审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice</source>
        <translation>督办单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task of a notice</source>
        <translation>督办单所列任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source file</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports from each unit</source>
        <translation>按单位填报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under heading</source>
        <translation>所属标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numeral</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requirement</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline as written</source>
        <translation>时限原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried over from</source>
        <translation>延续自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telephone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective</source>
        <translation>统称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the plan names it</source>
        <translation>计划中的写法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried down</source>
        <translation>沿用上方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next steps</source>
        <translation>下一步打算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due as written</source>
        <translation>到期原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New deadline</source>
        <translation>新时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided at</source>
        <translation>决定时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision</source>
        <translation>决定意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous deadline</source>
        <translation>原时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous deadline as written</source>
        <translation>原时限原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial number</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued on</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>签发人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replied on</source>
        <translation>回复日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/history_view.py" line="+201"/>
        <source>History of changes</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../desktop/progress_form.py" line="+77"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reported by</source>
        <translation>报送单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was done</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not reported</source>
        <translation>未报送</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="-144"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location line="+22"/>
        <source>Notices that named this task</source>
        <translation>列有本任务的督办单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Words in the change or its values</source>
        <translation>按修改内容或数值中的文字查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>All operators</source>
        <translation>全部操作人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
</context>
<context>
    <name>ImportPlanDialog</name>
    <message>
        <location filename="../../desktop/import_dialog.py" line="+90"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Import plan {file}</source>
        <translation>导入计划：{file}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The file names no year: enter the plan&apos;s year.</source>
        <translation>文件中没有写明年度，请填写计划年度。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>计划标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Tasks:</source>
        <translation>工作任务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks without a lead unit:</source>
        <translation>未写明牵头单位的任务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units carried down from merged cells (in italics):</source>
        <translation>沿用上方合并单元格的单位（斜体显示）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units new to the registry:</source>
        <translation>单位登记表中尚无的单位：</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Read column as…</source>
        <translation>本列读作…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read rows as…</source>
        <translation>所选行读作…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column role</source>
        <translation>列的读法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row kind</source>
        <translation>行的读法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the current column is read (Ctrl+R)</source>
        <translation>当前列按什么读取（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the selected rows are read (Ctrl+K)</source>
        <translation>所选行按什么读取（Ctrl+K）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As read from the file — click a column&apos;s header to read it otherwise:</source>
        <translation>文件中的表格及识别结果（单击列标题可更改该列的读法）：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What will be imported:</source>
        <translation>将导入的内容：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;New ledger and import</source>
        <translation>新建台账并导入(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a new ledger with an empty unit registry and import the plan there</source>
        <translation>新建一个单位登记表为空的台账，把计划导入其中</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Headings, level 1:</source>
        <translation>一级标题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headings, level 2:</source>
        <translation>二级标题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headings, level 3:</source>
        <translation>三级标题：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collective names without members:</source>
        <translation>尚无成员单位的统称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reader notes:</source>
        <translation>识别说明：</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>This is the plan of %1, but the unit registry of this ledger is the sample of %2 that comes with the program: imported here, its units would be renamed to %2&apos;s names and given %2&apos;s members. Import it into a new ledger.</source>
        <translation>这是%1的计划，而本台账的单位登记表是随程序提供的%2示例：导入到这里，单位会按%2的名称和别名改名，统称会带上%2的成员。请把它导入一个新的台账。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The unit registry of this ledger is the sample of %2 that comes with the program, and the title does not tell whose plan this is: its unit names will be matched against %2&apos;s units (aliases renamed to their names, collectives given their members). If it is not %2&apos;s plan, import it into a new ledger.</source>
        <translation>本台账的单位登记表是随程序提供的%2示例，而标题看不出这是哪个单位的计划：单位名称将按%2的单位匹配（别名改为其规范名称，统称带上其成员）。如果这不是%2的计划，请把它导入一个新的台账。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The column roles chosen for this layout before are applied.</source>
        <translation>已套用此前为相同表头选定的列读法。</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>As the reader sees it</source>
        <translation>按识别结果</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>As the reader sees them</source>
        <translation>按识别结果</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Reading again…</source>
        <translation>正在重新识别…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot be read this way: %1</source>
        <translation>按此读法无法识别：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ledger of %1</source>
        <translation>%1台账</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Import plan {title}</source>
        <translation>导入计划“{title}”</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels.py" line="+22"/>
        <source>Not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>推进中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ongoing</source>
        <translation>持续推进</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Red: overdue</source>
        <translation>红灯：逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow: behind schedule or not reported this month</source>
        <translation>黄灯：滞后于序时进度或本月未报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue: deadline near</source>
        <translation>蓝灯：临近完成时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Red light</source>
        <translation>红灯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow light</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue light</source>
        <translation>蓝灯</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reminder</source>
        <translation>提醒单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision notice</source>
        <translation>督办单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Red supervision notice</source>
        <translation>红色督办单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Municipal departments</source>
        <translation>市直部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District governments</source>
        <translation>区人民政府</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Development zones</source>
        <translation>开发区管委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective names</source>
        <translation>统称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other units</source>
        <translation>其他单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requirement</source>
        <translation>工作要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead units</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead and other units together</source>
        <translation>牵头及责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headings (merged down)</source>
        <translation>标题列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leader in charge</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not read</source>
        <translation>不读</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading, level 1</source>
        <translation>一级标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading, level 2</source>
        <translation>二级标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading, level 3</source>
        <translation>三级标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task row</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%2/%1</source>
        <translation>%1年%2月</translation>
    </message>
</context>
<context>
    <name>LeadUnitsPane</name>
    <message>
        <location filename="../../desktop/lead_units.py" line="+76"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lead unit to give</source>
        <translation>指定牵头单位</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Double-click a cell (or press F2) to give the task a lead unit. Until it has one, the task is listed under 需明确牵头单位 in the reminders and the sheet, and the office reports on it in a fill-in sheet of its own.</source>
        <translation>双击单元格（或按 F2）为任务指定牵头单位。指定之前，该任务在催报名单和督查表中列于“需明确牵头单位”之下，由本办用单独的填报表填报。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tasks without a lead unit: %1, %2 given a lead unit here</source>
        <translation>未写明牵头单位的任务：%1 项，已在此指定 %2 项</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Double-click to choose or type the lead unit</source>
        <translation>双击以选择或输入牵头单位</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <location filename="../../desktop/ledger.py" line="+51"/>
        <source>Redo: %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo: %1</source>
        <translation>撤销：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="+56"/>
        <source>Supervision ledger</source>
        <translation>督办台账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly progress</source>
        <translation>月度进展</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;nits</source>
        <translation>单位(&amp;N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The month the statuses, lights and reports are shown for</source>
        <translation>状态、预警灯和报送情况按此月份显示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="+14"/>
        <location line="+13"/>
        <source>Ledger</source>
        <translation>督办台账</translation>
    </message>
</context>
<context>
    <name>NewUnitDialog</name>
    <message>
        <location filename="../../desktop/registry_dialog.py" line="+140"/>
        <source>New unit</source>
        <translation>新建单位</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../desktop/notice_dialog.py" line="+106"/>
        <source>By warning light</source>
        <translation>按预警灯</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>By warning light: each unit at the level of its worst light (blue: reminder, yellow: notice, red: red notice); units without a light get none. A level chosen: the notices of that level, or, for the unit chosen, its notice at that level.</source>
        <translation>按预警灯：每个单位按其任务最严重的灯发出（蓝灯：提醒单，黄灯：督办单，红灯：红色督办单）；没有亮灯的单位不发。选定级别：只发这一级别的督办单；选定单位时，该单位按此级别发出。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Again to units that have one this month</source>
        <translation>本月已发过的单位再发一份(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue and register</source>
        <translation>签发并登记(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gister…</source>
        <translation>登记簿(&amp;G)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Draft</source>
        <translation>草稿(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A draft: not numbered, not registered</source>
        <translation>草稿：不编号，不登记</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dated</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply by</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Building the draft…</source>
        <translation>正在生成草稿…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Issue the notices of %1</source>
        <translation>签发%1督办单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuing the notices…</source>
        <translation>正在签发督办单…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Issued and registered %1 notices: %2.</source>
        <translation>已签发并登记督办单 %1 份：%2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not issued again (they have a notice of this month at this level or higher; tick “Again” to send another): %1</source>
        <translation>未重复签发（本月已有同级或更高级的督办单；如需再发一份，请勾选“再发一份”）：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft of %1 notices: not numbered, not registered.</source>
        <translation>督办单草稿 %1 份：未编号，未登记。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 tasks name no lead unit and cannot be sent a notice; give them a lead unit first: No. %2</source>
        <translation>以下 %1 项任务未列明牵头单位，督办单无从发出，请先为其指定牵头单位：第%2项</translation>
    </message>
</context>
<context>
    <name>NoticeRegisterDialog</name>
    <message>
        <location filename="../../desktop/notice_register.py" line="+153"/>
        <source>Register of notices</source>
        <translation>督办单登记簿</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All levels</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting reply only</source>
        <translation>只看未回复的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What the unit replied (optional)</source>
        <translation>单位回复的内容（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Record reply</source>
        <translation>登记回复(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear reply</source>
        <translation>撤销回复(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply to the selected notice</source>
        <translation>所选督办单的回复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save a &amp;copy as PDF…</source>
        <translation>另存一份 PDF(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 notices, %2 overdue without reply</source>
        <translation>督办单 %1 份，逾期未回复 %2 份</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Record the reply to %1</source>
        <translation>登记%1的回复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear the reply to %1</source>
        <translation>撤销%1的回复</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save a copy of the notice</source>
        <translation>另存督办单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the notice…</source>
        <translation>正在生成督办单…</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <location line="-202"/>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued by</source>
        <translation>签发人员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Received %1</source>
        <translation>%1 已回复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue, no reply</source>
        <translation>逾期未回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting reply</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No. %1</source>
        <translation>第%1项</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../../desktop/opening.py" line="+77"/>
        <source>Daily integrity check and backup…</source>
        <translation>正在进行每日完整性检查与备份…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Daily integrity check and backup done.</source>
        <translation>每日完整性检查与备份已完成。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The ledger file is damaged: nothing is written to it.</source>
        <translation>台账文件已损坏：本程序不再写入它（只读）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1

Restore from that backup now?</source>
        <translation>%1

是否现在从该备份恢复？</translation>
    </message>
</context>
<context>
    <name>PlanPreviewModel</name>
    <message>
        <location filename="../../desktop/plan_preview.py" line="+35"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lead units</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Continued</source>
        <translation>沿用上方单元格</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No lead unit</source>
        <translation>未写明牵头单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Given in this preview</source>
        <translation>在本次预览中指定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Carried down from the merged cell above. Please check it.</source>
        <translation>沿用上方合并单元格的内容，请核对。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lead and responsible</source>
        <translation>牵头单位和责任单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lead</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../desktop/plan_model.py" line="+103"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lead units</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+361"/>
        <source>Completed %1/%2</source>
        <translation>已完成 %1/%2</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../desktop/preferences.py" line="+68"/>
        <source>&amp;Unsaved edits, on leaving a form</source>
        <translation>离开表单时未保存的修改(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name, recorded with every change you make:</source>
        <translation>请输入您的姓名（将记录在您所做的每一项修改中）：</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../desktop/returns_dialog.py" line="+127"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was done</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
</context>
<context>
    <name>ProgressForm</name>
    <message>
        <location filename="../../desktop/progress_form.py" line="+48"/>
        <source>&amp;Save this month&apos;s report</source>
        <translation>保存当月进展(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete this month&apos;s report</source>
        <translation>删除当月进展</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What was &amp;done</source>
        <translation>进展情况(&amp;D)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Reporting &amp;unit</source>
        <translation>报送单位(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pro&amp;blems</source>
        <translation>存在问题(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ne&amp;xt steps</source>
        <translation>下一步打算(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence</source>
        <translation>佐证材料(&amp;E)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>History</source>
        <translation>报送记录</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>(not given)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Not reported for this month</source>
        <translation>当月未报送</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded %1 by %2</source>
        <translation>%2 于 %1 录入</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Task %1: %2 · %3</source>
        <translation>任务 %1：%2 · %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Record %1 progress of task %2</source>
        <translation>录入任务 %2 的 %1 进展</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Delete %1 progress of task %2</source>
        <translation>删除任务 %2 的 %1 进展</translation>
    </message>
</context>
<context>
    <name>RegistryDialog</name>
    <message>
        <location filename="../../desktop/registry_dialog.py" line="-89"/>
        <source>Municipal department</source>
        <translation>市直部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District government</source>
        <translation>区人民政府</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Development zone</source>
        <translation>开发区管委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective name (a group of units)</source>
        <translation>统称（代表一组单位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Unit registry</source>
        <translation>单位登记表</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type part of a name or alias</source>
        <translation>输入名称或别名中的文字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ne&amp;w unit…</source>
        <translation>新建单位(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mer&amp;ge into…</source>
        <translation>合并到(&amp;G)…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Whom the office calls there</source>
        <translation>本办联系该单位时找谁</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Another name of this unit</source>
        <translation>该单位的其他名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;dd alias</source>
        <translation>添加别名(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remo&amp;ve alias</source>
        <translation>删除别名(&amp;V)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Con&amp;tact:</source>
        <translation>联系人(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tele&amp;phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Aliases:</source>
        <translation>别名(&amp;A)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Members:</source>
        <translation>成员单位(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the units this collective name stands for.</source>
        <translation>请勾选该统称所代表的单位。</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Rename unit {name}</source>
        <translation>重命名单位“{name}”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change the kind of {name}</source>
        <translation>修改“{name}”的类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change the contact of {name}</source>
        <translation>修改“{name}”的联系人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add alias {alias} to {name}</source>
        <translation>为“{name}”添加别名“{alias}”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove aliases of {name}</source>
        <translation>删除“{name}”的别名</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Change the members of {name}</source>
        <translation>修改“{name}”的成员单位</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add unit {name}</source>
        <translation>添加单位“{name}”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Merge {name} into…</source>
        <translation>将“{name}”合并到…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Merge {source} into {target}? The tasks and reports of {source} move to {target}, and {source} becomes another name of {target}.</source>
        <translation>确定将“{source}”合并到“{target}”吗？“{source}”的任务和进展将转到“{target}”名下，“{source}”将成为“{target}”的别名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge {source} into {target}</source>
        <translation>将“{source}”合并到“{target}”</translation>
    </message>
</context>
<context>
    <name>RemindersDialog</name>
    <message>
        <location filename="../../desktop/returns_dialog.py" line="+99"/>
        <source>Units that have not reported %1</source>
        <translation>%1 未报送单位（催报名单）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as &amp;Excel…</source>
        <translation>另存为 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copies the list as text and as a table (to paste into Word, WPS or Excel)</source>
        <translation>将名单复制为文字和表格（可粘贴到 Word、WPS 或 Excel）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unit / task</source>
        <translation>单位 / 任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Telephone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last report</source>
        <translation>上次报送</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>These tasks name no lead unit: give them one in the task form</source>
        <translation>这些任务未写明牵头单位：请在任务表单中指定</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the list</source>
        <translation>保存名单</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>%1 units owe their report:</source>
        <translation>以下 %1 个单位尚未报送：</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/report_dialog.py" line="+45"/>
        <source>Short</source>
        <translation>简表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detailed</source>
        <translation>详表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next steps</source>
        <translation>下一步打算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Monthly supervision sheet</source>
        <translation>月度督查表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Supervision notices</source>
        <translation>督办单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All lead units</source>
        <translation>全部牵头单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All parts</source>
        <translation>全部部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Red and yellow tasks only</source>
        <translation>只含红灯、黄灯任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Custom</source>
        <translation>自定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts</source>
        <translation>附图表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Build</source>
        <translation>生成(&amp;B)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Columns</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Building the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Supervision sheet file</source>
        <translation>督查表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notices file</source>
        <translation>督办单</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
</context>
<context>
    <name>ReturnsImportDialog</name>
    <message>
        <location filename="../../desktop/returns_dialog.py" line="-89"/>
        <source>Import returned sheets</source>
        <translation>导入填报表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 sheets for %2: %3 new, %4 changed, %5 unchanged entries.</source>
        <translation>%1 份 %2 填报表：新增 %3 条，修改 %4 条，无变化 %5 条。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import returned sheets %1</source>
        <translation>导入填报表 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing the returned sheets…</source>
        <translation>正在导入交回的填报表…</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <location filename="../../desktop/saving.py" line="+83"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+141"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+30"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Save them</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask: save, don&apos;t save or cancel</source>
        <translation>询问：保存、不保存或取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;The office&lt;/b&gt; (kept in the ledger)</source>
        <translation>&lt;b&gt;本单位&lt;/b&gt;（保存在台账中）</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>&amp;Office name (on printed sheets)</source>
        <translation>本单位名称（打印在督查表上）(&amp;O)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Blue light when the deadline is within</source>
        <translation>完成时限前多少天亮蓝灯(&amp;B)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Yellow light when not started after this share of the time</source>
        <translation>用时超过此比例仍未启动则亮黄灯(&amp;Y)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Monthly reports are &amp;due on day</source>
        <translation>每月进展报送截止日(&amp;D)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Contact person (on notices)</source>
        <translation>联系人（督办单上）(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the contact person</source>
        <translation>修改联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact &amp;telephone (on notices)</source>
        <translation>联系电话（督办单上）(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the contact telephone</source>
        <translation>修改联系电话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notices are &amp;signed by</source>
        <translation>督办单签发人(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change who signs the notices</source>
        <translation>修改督办单签发人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notice &amp;numbers start with (督办〔2016〕第3号)</source>
        <translation>督办单文号前缀（督办〔2016〕第3号）(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change how notice numbers start</source>
        <translation>修改督办单文号前缀</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Units &amp;reply to a notice within</source>
        <translation>督办单回复期限(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the days to reply to a notice</source>
        <translation>修改督办单回复期限</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&lt;b&gt;This PC&lt;/b&gt; (kept for the user of this computer)</source>
        <translation>&lt;b&gt;本机&lt;/b&gt;（本电脑的当前用户专用）</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Change the office name</source>
        <translation>修改制表单位名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change when the blue light shows</source>
        <translation>修改蓝灯提前天数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change when a task counts as behind schedule</source>
        <translation>修改序时进度预警比例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the day monthly reports are due</source>
        <translation>修改每月报送日</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <location filename="../../desktop/task_form.py" line="+47"/>
        <source>e.g. 2016年6月底; empty: the end of the plan&apos;s year</source>
        <translation>如：2016年6月底；不填则为计划年度年底</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Under</source>
        <translation>所属标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Task</source>
        <translation>工作任务(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Requirement</source>
        <translation>工作要求(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Deadline</source>
        <translation>完成时限(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lead units</source>
        <translation>牵头单位(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;sponsible units</source>
        <translation>责任单位(&amp;S)</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Due %1</source>
        <translation>截止日期：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No deadline of its own: due at the end of %1</source>
        <translation>未单独规定完成时限，按 %1 年年底计</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Edit title of task %1</source>
        <translation>修改任务 %1 的名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit requirement of task %1</source>
        <translation>修改任务 %1 的工作要求</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit deadline of task %1</source>
        <translation>修改任务 %1 的完成时限</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“%1” is not in the unit registry: press Enter in the field to add it there, or clear the field.</source>
        <translation>“%1”不在单位登记表中：请在该栏按回车将其加入登记表，或清空该栏。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit task %1</source>
        <translation>修改任务 %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Edit lead units of task %1</source>
        <translation>修改任务 %1 的牵头单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit responsible units of task %1</source>
        <translation>修改任务 %1 的责任单位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirm carried-down units of task %1</source>
        <translation>确认任务 %1 沿用上方合并单元格的单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not in the unit registry. Add it to the registry and to this task?</source>
        <translation>单位登记表中没有“%1”。是否将其加入单位登记表并添加到本任务？</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Add unit %1</source>
        <translation>添加单位“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit units of task %1</source>
        <translation>修改任务 %1 的单位</translation>
    </message>
</context>
<context>
    <name>UnitListEditor</name>
    <message>
        <location filename="../../desktop/unit_list_editor.py" line="+42"/>
        <source>Type a unit name and press Enter</source>
        <translation>输入单位名称后按回车键</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm carried-down units</source>
        <translation>确认沿用的单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These units were carried down from a merged cell of the plan table. Confirm them once checked.</source>
        <translation>这些单位沿用自计划表格上方的合并单元格，核对无误后请确认。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>%1 (carried down, to confirm)</source>
        <translation>%1（沿用上方合并单元格，待确认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried down from the task above (merged cell): %1</source>
        <translation>沿用上方任务的合并单元格：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carried down from the task above, confirmed</source>
        <translation>沿用上方任务的合并单元格，已确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As written in the plan: %1</source>
        <translation>计划原文：%1</translation>
    </message>
</context>
<context>
    <name>UnitPickerDialog</name>
    <message>
        <location filename="../../desktop/registry_dialog.py" line="-394"/>
        <source>Type part of a name or alias</source>
        <translation>输入名称或别名中的文字</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>UnitTasksModel</name>
    <message>
        <location filename="../../desktop/unit_view.py" line="+94"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This month&apos;s report</source>
        <translation>当月进展</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Through</source>
        <translation>所属统称</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leads</source>
        <translation>牵头的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Named as responsible unit</source>
        <translation>列为责任单位的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reached through a collective</source>
        <translation>通过统称涉及的任务</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not reported</source>
        <translation>未报送</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <location line="-97"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Also called: %1</source>
        <translation>又称：%1</translation>
    </message>
</context>
<context>
    <name>UnsavedGuard</name>
    <message>
        <location filename="../../desktop/unsaved.py" line="+85"/>
        <source>Kept as a draft: the ledger is open read-only.</source>
        <translation>已留作草稿：台账以只读方式打开，不能保存。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The heading “%1” has unsaved changes.

Save them?</source>
        <translation>标题“%1”有未保存的修改。

是否保存？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task %1 “%2” has unsaved changes:
%3

Save them?</source>
        <translation>任务 %1“%2”有未保存的修改：
%3

是否保存？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unsaved changes</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do&amp;n&apos;t save</source>
        <translation>不保存(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the task form</source>
        <translation>任务表单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the monthly progress of %1</source>
        <translation>%1的月度进展</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Heading “%1”</source>
        <translation>标题“%1”</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The drafts file %1 could not be written: %2</source>
        <translation>无法写入草稿文件 %1：%2</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Task %1 “%2”: %3</source>
        <translation>任务 %1“%2”：%3</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Text typed last time was not saved:
%1

Put it back into the forms? It stays unsaved until you save it.</source>
        <translation>上次有未保存的进展或修改：
%1

是否恢复到表单中？恢复后仍为未保存，需要您保存。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsaved text</source>
        <translation>未保存的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
</context>
<context>
    <name>UnsavedMarker</name>
    <message>
        <location filename="../../desktop/widgets.py" line="+41"/>
        <source>Unsaved: the ledger is open read-only, so this cannot be saved; it is kept as a draft</source>
        <translation>未保存：台账以只读方式打开，无法保存，已留作草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsaved changes</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../desktop/workers.py" line="+137"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The operation failed because of an error in the program. Nothing was changed.</source>
        <translation>程序出错，操作未能完成。数据未作任何修改。</translation>
    </message>
</context>
</TS>
