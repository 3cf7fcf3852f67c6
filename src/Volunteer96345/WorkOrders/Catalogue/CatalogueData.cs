namespace Volunteer96345.WorkOrders.Catalogue;

/// <summary>One row of the built-in 96345 catalogue; skills are named, not ids, so the data stands apart from any database.</summary>
internal sealed record CatalogueEntry(
    string Code, ServiceCategory Category, string Name, string Description, bool OnSite, ResponderKind Responder,
    int AcceptMinutes, int? ArriveMinutes, int ResolveMinutes, int Points, string[] Skills, ServiceQuestion[] Questions);

/// <summary>
/// 服务目录: the items a Yanguan Town service point offers out of the box, in the five categories 生活求助, 政策咨询, 纠纷调解,
/// 居家养老 and 困难帮扶. Codes are permanent Open311 service codes; append new items, never renumber.
/// </summary>
internal static class CatalogueData
{
    public static readonly CatalogueEntry[] Items =
    [
        // 生活求助
        new("LA-001", ServiceCategory.LifeAssistance, "水电维修", "上门检修水管漏水、电路跳闸、插座损坏等家庭水电故障。", true, ResponderKind.Volunteer,
            10, 30, 120, 15, ["水电维修"],
            [
                new()
                {
                    Code = "fault", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "故障类型", Order = 1,
                    Values = [new() { Key = "water", Name = "漏水" }, new() { Key = "power", Name = "停电/跳闸" }, new() { Key = "other", Name = "其他" }],
                },
            ]),
        new("LA-002", ServiceCategory.LifeAssistance, "代购药品", "按清单到药店代购常用药品并送到家中。", true, ResponderKind.Volunteer,
            10, 30, 120, 10, [],
            [
                new() { Code = "medicine", Datatype = AttributeDatatype.String, Required = true, Description = "药品名称及数量", Order = 1 },
                new()
                {
                    Code = "prescription", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "是否处方药", Order = 2,
                    Values = [new() { Key = "otc", Name = "非处方药" }, new() { Key = "rx", Name = "处方药（需带病历或处方）" }],
                },
            ]),
        new("LA-003", ServiceCategory.LifeAssistance, "换灯泡", "上门更换损坏的灯泡、灯管或开关面板。", true, ResponderKind.Volunteer, 10, 30, 60, 5, ["水电维修"], []),
        new("LA-004", ServiceCategory.LifeAssistance, "管道疏通", "上门疏通堵塞的厨房、卫生间下水管道。", true, ResponderKind.Merchant,
            10, 30, 120, 15, [],
            [
                new()
                {
                    Code = "location", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "堵塞位置", Order = 1,
                    Values =
                    [
                        new() { Key = "kitchen", Name = "厨房" },
                        new() { Key = "toilet", Name = "卫生间" },
                        new() { Key = "drain", Name = "室外下水道" },
                    ],
                },
            ]),
        new("LA-005", ServiceCategory.LifeAssistance, "家电维修", "上门检修电视、冰箱、洗衣机、空调等家用电器。", true, ResponderKind.Merchant,
            10, 30, 240, 20, ["家电维修"],
            [
                new()
                {
                    Code = "appliance", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "电器类型", Order = 1,
                    Values =
                    [
                        new() { Key = "tv", Name = "电视" },
                        new() { Key = "fridge", Name = "冰箱" },
                        new() { Key = "washer", Name = "洗衣机" },
                        new() { Key = "aircon", Name = "空调" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
                new() { Code = "brand", Datatype = AttributeDatatype.String, Required = false, Description = "品牌型号", Order = 2 },
            ]),
        new("LA-006", ServiceCategory.LifeAssistance, "理发", "由合作理发店师傅上门或到店为居民理发。", true, ResponderKind.Merchant, 10, 30, 120, 10, ["理发"], []),
        new("LA-007", ServiceCategory.LifeAssistance, "缝补衣物", "上门收取需缝补的衣物被褥，缝补后送回。", true, ResponderKind.Volunteer, 10, 30, 1440, 10, ["缝补"], []),
        new("LA-008", ServiceCategory.LifeAssistance, "代缴水电费", "通过线上渠道为居民代缴水费、电费和燃气费。", false, ResponderKind.Volunteer,
            10, null, 120, 5, [],
            [
                new()
                {
                    Code = "bill", Datatype = AttributeDatatype.MultiValueList, Required = true, Description = "代缴项目", Order = 1,
                    Values = [new() { Key = "water", Name = "水费" }, new() { Key = "power", Name = "电费" }, new() { Key = "gas", Name = "燃气费" }],
                },
            ]),
        new("LA-009", ServiceCategory.LifeAssistance, "代收代寄快递", "到快递驿站代取包裹送到家中，或上门代寄。", true, ResponderKind.Volunteer, 10, 30, 120, 5, [], []),
        new("LA-010", ServiceCategory.LifeAssistance, "代购生活用品", "按居民清单代购米面油等日用品并送货上门。", true, ResponderKind.Volunteer,
            10, 30, 180, 10, [],
            [
                new() { Code = "list", Datatype = AttributeDatatype.Text, Required = true, Description = "购物清单", Order = 1 },
            ]),
        new("LA-011", ServiceCategory.LifeAssistance, "燃气灶维修", "由合作商家上门检修燃气灶点火不良、漏气等问题。", true, ResponderKind.Merchant,
            10, 30, 120, 15, ["家电维修"], []),
        new("LA-012", ServiceCategory.LifeAssistance, "热水器维修", "由合作商家上门检修热水器不出热水、漏水等故障。", true, ResponderKind.Merchant,
            10, 30, 120, 15, ["家电维修"], []),
        new("LA-013", ServiceCategory.LifeAssistance, "门锁维修", "由合作锁匠上门维修或更换损坏的门锁。", true, ResponderKind.Merchant, 10, 30, 120, 15, [], []),
        new("LA-014", ServiceCategory.LifeAssistance, "家具维修", "上门加固、修理松动损坏的桌椅、床架和柜门。", true, ResponderKind.Volunteer, 10, 30, 240, 15, [], []),
        new("LA-015", ServiceCategory.LifeAssistance, "屋顶漏雨修补", "组织志愿者队伍上门检查并修补屋顶、外墙渗漏。", true, ResponderKind.Team, 10, 30, 480, 30, [], []),
        new("LA-016", ServiceCategory.LifeAssistance, "电视信号调试", "上门调试机顶盒和电视信号，教会老人换台。", true, ResponderKind.Volunteer, 10, 30, 60, 10, ["家电维修"], []),
        new("LA-017", ServiceCategory.LifeAssistance, "智能手机使用指导", "上门教居民使用智能手机打电话、视频和扫码。", true, ResponderKind.Volunteer,
            10, 30, 60, 10, ["电脑操作"], []),
        new("LA-018", ServiceCategory.LifeAssistance, "电脑故障排查", "上门排查电脑无法开机、上网慢等常见故障。", true, ResponderKind.Volunteer, 10, 30, 120, 15, ["电脑操作"], []),
        new("LA-019", ServiceCategory.LifeAssistance, "宽带报修协调", "电话联系运营商为居民报修宽带，跟进修复进度。", false, ResponderKind.Volunteer, 10, null, 120, 5, [], []),
        new("LA-020", ServiceCategory.LifeAssistance, "搬运重物", "组织志愿者帮居民搬运家具、粮食等重物。", true, ResponderKind.Team,
            10, 30, 240, 20, [],
            [
                new() { Code = "floor", Datatype = AttributeDatatype.Number, Required = false, Description = "所在楼层", Order = 1 },
            ]),
        new("LA-021", ServiceCategory.LifeAssistance, "家庭保洁", "上门帮居民打扫房间、擦洗门窗和整理杂物。", true, ResponderKind.Volunteer, 10, 30, 240, 15, [], []),
        new("LA-022", ServiceCategory.LifeAssistance, "防台防汛加固", "台风暴雨来临前上门加固门窗、转移易损物品。", true, ResponderKind.Team, 5, 30, 480, 30, [], []),
        new("LA-023", ServiceCategory.LifeAssistance, "爱心车接送", "志愿者驾车接送居民往返医院、车站或办事地点。", true, ResponderKind.Volunteer,
            10, 30, 240, 20, ["驾驶"],
            [
                new() { Code = "destination", Datatype = AttributeDatatype.String, Required = true, Description = "目的地", Order = 1 },
                new() { Code = "pickup_time", Datatype = AttributeDatatype.Datetime, Required = true, Description = "出发时间", Order = 2 },
                new() { Code = "passengers", Datatype = AttributeDatatype.Number, Required = false, Description = "乘车人数", Order = 3 },
            ]),
        new("LA-024", ServiceCategory.LifeAssistance, "接送学生", "临时代家长接送中小学生上下学。", true, ResponderKind.Volunteer,
            10, 30, 120, 15, [],
            [
                new() { Code = "school", Datatype = AttributeDatatype.String, Required = true, Description = "学校名称", Order = 1 },
            ]),
        new("LA-025", ServiceCategory.LifeAssistance, "书写春联", "春节前由书法志愿者为居民书写春联和福字。", true, ResponderKind.Volunteer, 10, 30, 120, 10, ["书法"], []),
        new("LA-026", ServiceCategory.LifeAssistance, "垃圾分类指导", "上门讲解垃圾分类方法，帮助配置分类垃圾桶。", true, ResponderKind.Volunteer, 10, 30, 60, 5, [], []),
        new("LA-027", ServiceCategory.LifeAssistance, "走失人员寻找", "组织志愿者队伍协助寻找走失的老人或儿童。", true, ResponderKind.Team,
            5, 30, 240, 40, [],
            [
                new() { Code = "person", Datatype = AttributeDatatype.Text, Required = true, Description = "走失人员体貌特征", Order = 1 },
                new() { Code = "last_seen", Datatype = AttributeDatatype.String, Required = true, Description = "最后出现地点", Order = 2 },
                new() { Code = "last_seen_at", Datatype = AttributeDatatype.Datetime, Required = false, Description = "最后出现时间", Order = 3 },
            ]),
        new("LA-028", ServiceCategory.LifeAssistance, "代办跑腿", "代居民到镇、村办事点递交材料或取回证件。", true, ResponderKind.Volunteer, 10, 30, 240, 10, [], []),

        // 政策咨询
        new("PC-001", ServiceCategory.PolicyConsultation, "社保政策咨询", "电话解答社会保险参保、缴费、转移接续等问题。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"],
            [
                new()
                {
                    Code = "insured_type", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "参保类型", Order = 1,
                    Values =
                    [
                        new() { Key = "resident", Name = "城乡居民" },
                        new() { Key = "employee", Name = "企业职工" },
                        new() { Key = "flexible", Name = "灵活就业" },
                    ],
                },
            ]),
        new("PC-002", ServiceCategory.PolicyConsultation, "医保报销咨询", "解答医保报销范围、比例和所需材料。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"],
            [
                new()
                {
                    Code = "claim_type", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "报销类型", Order = 1,
                    Values =
                    [
                        new() { Key = "outpatient", Name = "门诊" },
                        new() { Key = "inpatient", Name = "住院" },
                        new() { Key = "chronic", Name = "慢特病" },
                    ],
                },
            ]),
        new("PC-003", ServiceCategory.PolicyConsultation, "养老保险咨询", "解答养老保险缴费档次、领取条件和待遇计算。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-004", ServiceCategory.PolicyConsultation, "城乡居民医保参保咨询", "解答城乡居民医保的参保时间、缴费标准和办理渠道。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-005", ServiceCategory.PolicyConsultation, "长期护理保险咨询", "解答长期护理保险的失能评估、待遇和申请流程。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-006", ServiceCategory.PolicyConsultation, "医保异地就医备案咨询", "指导居民办理异地就医备案和直接结算。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-007", ServiceCategory.PolicyConsultation, "低保政策咨询", "解答最低生活保障的申请条件、标准和办理流程。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-008", ServiceCategory.PolicyConsultation, "残疾人补贴政策咨询", "解答困难残疾人生活补贴和重度残疾人护理补贴政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-009", ServiceCategory.PolicyConsultation, "高龄津贴政策咨询", "解答高龄老人津贴的发放对象、标准和申领方式。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-010", ServiceCategory.PolicyConsultation, "老年人优待政策咨询", "解答老年人优待证办理及乘车、游园等优待政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-011", ServiceCategory.PolicyConsultation, "就业创业政策咨询", "解答就业补贴、创业担保贷款和技能培训政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-012", ServiceCategory.PolicyConsultation, "农村建房审批咨询", "解答农村宅基地建房的申请条件和审批流程。", false, ResponderKind.Station,
            10, null, 60, 10, ["政策解读"],
            [
                new() { Code = "village", Datatype = AttributeDatatype.String, Required = false, Description = "所在村（社区）", Order = 1 },
            ]),
        new("PC-013", ServiceCategory.PolicyConsultation, "土地流转政策咨询", "解答农村土地承包经营权流转的政策和合同要点。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-014", ServiceCategory.PolicyConsultation, "征地拆迁政策咨询", "解答征地补偿和拆迁安置的政策标准。", false, ResponderKind.Station,
            10, null, 60, 10, ["政策解读"], []),
        new("PC-015", ServiceCategory.PolicyConsultation, "农业补贴政策咨询", "解答种粮补贴、农机购置补贴等惠农政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-016", ServiceCategory.PolicyConsultation, "户籍办理咨询", "解答户口迁移、分户和身份证办理的材料与流程。", false, ResponderKind.Station, 10, null, 60, 5, [], []),
        new("PC-017", ServiceCategory.PolicyConsultation, "退役军人优待政策咨询", "解答退役军人及其家属的优待抚恤政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-018", ServiceCategory.PolicyConsultation, "计生奖励扶助咨询", "解答计划生育家庭奖励扶助和特别扶助政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-019", ServiceCategory.PolicyConsultation, "教育资助政策咨询", "解答学前到大学各学段的学生资助政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"],
            [
                new()
                {
                    Code = "stage", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "学段", Order = 1,
                    Values =
                    [
                        new() { Key = "preschool", Name = "学前" },
                        new() { Key = "primary", Name = "小学" },
                        new() { Key = "junior", Name = "初中" },
                        new() { Key = "senior", Name = "高中" },
                        new() { Key = "college", Name = "大学" },
                    ],
                },
            ]),
        new("PC-020", ServiceCategory.PolicyConsultation, "住房保障政策咨询", "解答公租房、住房救助等住房保障政策。", false, ResponderKind.Station,
            10, null, 60, 5, ["政策解读"], []),
        new("PC-021", ServiceCategory.PolicyConsultation, "法律咨询", "由法律服务团队电话解答居民日常法律问题。", false, ResponderKind.Team,
            10, null, 60, 10, ["法律咨询"],
            [
                new()
                {
                    Code = "topic", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "问题类型", Order = 1,
                    Values =
                    [
                        new() { Key = "family", Name = "婚姻家庭" },
                        new() { Key = "labor", Name = "劳动用工" },
                        new() { Key = "debt", Name = "债务借贷" },
                        new() { Key = "property", Name = "房屋土地" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
            ]),
        new("PC-022", ServiceCategory.PolicyConsultation, "劳动权益咨询", "解答劳动合同、工资拖欠和工伤认定等问题。", false, ResponderKind.Team,
            10, null, 60, 10, ["法律咨询"], []),
        new("PC-023", ServiceCategory.PolicyConsultation, "遗产继承法律咨询", "解答遗嘱订立、法定继承和遗产分割的法律问题。", false, ResponderKind.Team,
            10, null, 60, 10, ["法律咨询"], []),
        new("PC-024", ServiceCategory.PolicyConsultation, "法律援助申请咨询", "解答法律援助的申请条件、范围和所需材料。", false, ResponderKind.Team,
            10, null, 60, 5, ["法律咨询"], []),
        new("PC-025", ServiceCategory.PolicyConsultation, "反诈防骗咨询", "帮居民辨别可疑电话短信，讲解常见诈骗手法。", false, ResponderKind.Station, 10, null, 60, 5, [], []),
        new("PC-026", ServiceCategory.PolicyConsultation, "心理健康咨询", "由心理志愿者电话倾听疏导居民的情绪困扰。", false, ResponderKind.Team,
            10, null, 60, 10, ["心理疏导"], []),
        new("PC-027", ServiceCategory.PolicyConsultation, "浙里办使用指导", "上门指导居民用浙里办查询社保、办理业务。", true, ResponderKind.Volunteer,
            10, 30, 60, 10, ["电脑操作"], []),

        // 纠纷调解
        new("DM-001", ServiceCategory.DisputeMediation, "邻里纠纷调解", "上门了解邻里矛盾情况，组织双方协商化解纠纷。", true, ResponderKind.Volunteer,
            10, 30, 1440, 30, ["纠纷调解"],
            [
                new()
                {
                    Code = "dispute_type", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "纠纷类型", Order = 1,
                    Values =
                    [
                        new() { Key = "noise", Name = "噪音" },
                        new() { Key = "leak", Name = "漏水" },
                        new() { Key = "passage", Name = "通行占道" },
                        new() { Key = "boundary", Name = "宅基地边界" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
                new() { Code = "parties", Datatype = AttributeDatatype.Number, Required = false, Description = "涉及户数", Order = 2 },
            ]),
        new("DM-002", ServiceCategory.DisputeMediation, "婚姻家庭纠纷调解", "上门调解夫妻、婆媳等家庭矛盾，维护家庭和睦。", true, ResponderKind.Team,
            10, 30, 1440, 30, ["纠纷调解", "心理疏导"], []),
        new("DM-003", ServiceCategory.DisputeMediation, "土地承包纠纷调解", "调解承包地边界、流转租金等土地承包纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "政策解读"],
            [
                new() { Code = "village", Datatype = AttributeDatatype.String, Required = true, Description = "土地所在村（组）", Order = 1 },
            ]),
        new("DM-004", ServiceCategory.DisputeMediation, "宅基地纠纷调解", "实地查看宅基地界址，调解建房用地争议。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "政策解读"], []),
        new("DM-005", ServiceCategory.DisputeMediation, "赡养纠纷调解", "调解子女赡养老人方面的分歧，落实赡养责任。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "法律咨询"], []),
        new("DM-006", ServiceCategory.DisputeMediation, "劳资纠纷调解", "协调用工单位与劳动者解决工资拖欠等劳资矛盾。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "法律咨询"],
            [
                new() { Code = "workers", Datatype = AttributeDatatype.Number, Required = true, Description = "涉及人数", Order = 1 },
                new() { Code = "amount", Datatype = AttributeDatatype.Number, Required = false, Description = "涉及金额（元）", Order = 2 },
            ]),
        new("DM-007", ServiceCategory.DisputeMediation, "债务纠纷调解", "调解民间借贷、欠款等债务纠纷，促成还款协议。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "法律咨询"],
            [
                new() { Code = "amount", Datatype = AttributeDatatype.Number, Required = false, Description = "涉及金额（元）", Order = 1 },
            ]),
        new("DM-008", ServiceCategory.DisputeMediation, "交通事故纠纷调解", "协助当事人就轻微交通事故赔偿协商达成一致。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "法律咨询"], []),
        new("DM-009", ServiceCategory.DisputeMediation, "医疗纠纷调解", "协助患者与医疗机构沟通，引导依法解决医疗纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "法律咨询"], []),
        new("DM-010", ServiceCategory.DisputeMediation, "物业纠纷调解", "调解业主与物业之间的收费、服务质量等矛盾。", true, ResponderKind.Volunteer,
            10, 30, 1440, 25, ["纠纷调解"], []),
        new("DM-011", ServiceCategory.DisputeMediation, "房屋租赁纠纷调解", "调解房东与租户之间的租金、押金和维修纠纷。", true, ResponderKind.Volunteer,
            10, 30, 1440, 25, ["纠纷调解"], []),
        new("DM-012", ServiceCategory.DisputeMediation, "消费纠纷调解", "电话联系商家与消费者，协商处理退换货和赔偿。", false, ResponderKind.Volunteer,
            10, null, 1440, 20, ["纠纷调解"],
            [
                new() { Code = "merchant", Datatype = AttributeDatatype.String, Required = true, Description = "商家名称", Order = 1 },
            ]),
        new("DM-013", ServiceCategory.DisputeMediation, "相邻通行纠纷调解", "调解通行道路、排水沟渠等相邻关系纠纷。", true, ResponderKind.Volunteer,
            10, 30, 1440, 25, ["纠纷调解"], []),
        new("DM-014", ServiceCategory.DisputeMediation, "农田水利纠纷调解", "调解灌溉用水、沟渠排涝等农田水利纠纷。", true, ResponderKind.Team, 10, 30, 1440, 30, ["纠纷调解"], []),
        new("DM-015", ServiceCategory.DisputeMediation, "噪音扰民协调", "上门劝导产生噪音的一方，协商作息和施工时间。", true, ResponderKind.Volunteer,
            10, 30, 1440, 20, ["纠纷调解"],
            [
                new()
                {
                    Code = "source", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "噪音来源", Order = 1,
                    Values =
                    [
                        new() { Key = "renovation", Name = "装修施工" },
                        new() { Key = "business", Name = "店铺经营" },
                        new() { Key = "dance", Name = "广场舞" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
            ]),
        new("DM-016", ServiceCategory.DisputeMediation, "养犬扰民协调", "劝导犬主文明养犬，协调犬吠、伤人等纠纷。", true, ResponderKind.Volunteer,
            10, 30, 1440, 20, ["纠纷调解"], []),
        new("DM-017", ServiceCategory.DisputeMediation, "违章搭建劝导", "上门宣传政策，劝导当事人自行整改违章搭建。", true, ResponderKind.Volunteer,
            10, 30, 1440, 25, ["纠纷调解", "政策解读"], []),
        new("DM-018", ServiceCategory.DisputeMediation, "家庭矛盾疏导", "上门倾听家庭成员诉求，疏导情绪缓和矛盾。", true, ResponderKind.Volunteer,
            10, 30, 1440, 25, ["心理疏导"], []),
        new("DM-019", ServiceCategory.DisputeMediation, "拆迁安置纠纷调解", "调解拆迁补偿、安置房分配中的家庭和邻里矛盾。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "政策解读"], []),
        new("DM-020", ServiceCategory.DisputeMediation, "征地补偿纠纷调解", "调解征地补偿款分配引起的矛盾纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "政策解读"], []),
        new("DM-021", ServiceCategory.DisputeMediation, "遗产继承纠纷调解", "调解家庭成员之间的遗产分割纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "法律咨询"], []),
        new("DM-022", ServiceCategory.DisputeMediation, "合同纠纷调解", "调解买卖、承揽等民事合同履行中的纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 35, ["纠纷调解", "法律咨询"], []),
        new("DM-023", ServiceCategory.DisputeMediation, "景区商户纠纷调解", "调解古城景区商户之间、商户与游客之间的纠纷。", true, ResponderKind.Team,
            10, 30, 1440, 30, ["纠纷调解"], []),
        new("DM-024", ServiceCategory.DisputeMediation, "集体收益分配纠纷调解", "调解村集体经济收益分配引起的村民矛盾。", true, ResponderKind.Team,
            10, 30, 1440, 40, ["纠纷调解", "政策解读"], []),
        new("DM-025", ServiceCategory.DisputeMediation, "环境污染纠纷调解", "协调处理油烟、粉尘、污水等环境污染纠纷。", true, ResponderKind.Team, 10, 30, 1440, 35, ["纠纷调解"], []),
        new("DM-026", ServiceCategory.DisputeMediation, "调解协议履行回访", "回访已调解的纠纷，督促当事人履行调解协议。", true, ResponderKind.Volunteer,
            10, 30, 1440, 15, ["纠纷调解"], []),

        // 居家养老
        new("EC-001", ServiceCategory.HomeElderCare, "助浴", "上门为行动不便的老人提供洗浴服务。", true, ResponderKind.Volunteer,
            10, 30, 120, 20, ["助餐助浴"],
            [
                new()
                {
                    Code = "mobility", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "行动能力", Order = 1,
                    Values =
                    [
                        new() { Key = "walk", Name = "能自行行走" },
                        new() { Key = "wheelchair", Name = "需轮椅" },
                        new() { Key = "bedridden", Name = "卧床" },
                    ],
                },
                new()
                {
                    Code = "bath_mode", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "助浴方式", Order = 2,
                    Values = [new() { Key = "home", Name = "上门助浴" }, new() { Key = "station", Name = "到站点助浴" }],
                },
            ]),
        new("EC-002", ServiceCategory.HomeElderCare, "助餐送餐", "将老年食堂或助餐点的饭菜送到老人家中。", true, ResponderKind.Volunteer,
            10, 30, 60, 10, ["助餐助浴"],
            [
                new()
                {
                    Code = "meals", Datatype = AttributeDatatype.MultiValueList, Required = true, Description = "餐次", Order = 1,
                    Values = [new() { Key = "breakfast", Name = "早餐" }, new() { Key = "lunch", Name = "午餐" }, new() { Key = "dinner", Name = "晚餐" }],
                },
                new() { Code = "diet", Datatype = AttributeDatatype.String, Required = false, Description = "饮食禁忌", Order = 2 },
            ]),
        new("EC-003", ServiceCategory.HomeElderCare, "陪同就医", "陪同老人到医院挂号、就诊、取药并送回家。", true, ResponderKind.Volunteer,
            10, 30, 240, 25, ["康复陪护"],
            [
                new() { Code = "hospital", Datatype = AttributeDatatype.String, Required = true, Description = "就诊医院", Order = 1 },
                new() { Code = "appointment", Datatype = AttributeDatatype.Datetime, Required = false, Description = "预约时间", Order = 2 },
                new()
                {
                    Code = "mobility", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "行动能力", Order = 3,
                    Values =
                    [
                        new() { Key = "walk", Name = "能自行行走" },
                        new() { Key = "wheelchair", Name = "需轮椅" },
                        new() { Key = "bedridden", Name = "卧床" },
                    ],
                },
            ]),
        new("EC-004", ServiceCategory.HomeElderCare, "上门探视", "上门看望老人，了解生活和身体状况。", true, ResponderKind.Volunteer, 10, 30, 120, 10, [], []),
        new("EC-005", ServiceCategory.HomeElderCare, "独居老人安全巡访", "定期上门查看独居老人水电燃气和居住安全。", true, ResponderKind.Volunteer, 10, 30, 60, 10, [], []),
        new("EC-006", ServiceCategory.HomeElderCare, "电话问候关怀", "定期电话问候老人，及时发现异常情况。", false, ResponderKind.Volunteer, 10, null, 60, 5, [], []),
        new("EC-007", ServiceCategory.HomeElderCare, "精神慰藉", "上门陪老人聊天解闷，疏导孤独和焦虑情绪。", true, ResponderKind.Volunteer, 10, 30, 120, 10, ["心理疏导"], []),
        new("EC-008", ServiceCategory.HomeElderCare, "上门理发", "为行动不便的老人上门理发、修面。", true, ResponderKind.Volunteer,
            10, 30, 60, 10, ["理发"],
            [
                new()
                {
                    Code = "mobility", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "行动能力", Order = 1,
                    Values =
                    [
                        new() { Key = "walk", Name = "能自行行走" },
                        new() { Key = "wheelchair", Name = "需轮椅" },
                        new() { Key = "bedridden", Name = "卧床" },
                    ],
                },
            ]),
        new("EC-009", ServiceCategory.HomeElderCare, "居家助洁", "上门帮老人打扫卫生、整理房间和清洗床品。", true, ResponderKind.Volunteer, 10, 30, 180, 15, [], []),
        new("EC-010", ServiceCategory.HomeElderCare, "代洗衣物", "上门收取老人衣物被褥，清洗晾晒后送回。", true, ResponderKind.Volunteer, 10, 30, 1440, 10, [], []),
        new("EC-011", ServiceCategory.HomeElderCare, "上门测血压血糖", "上门为老人测量血压、血糖并记录健康数据。", true, ResponderKind.Volunteer, 10, 30, 60, 10, ["医疗护理"], []),
        new("EC-012", ServiceCategory.HomeElderCare, "慢病药品代配", "持医保卡到卫生院为慢病老人代配长期用药。", true, ResponderKind.Volunteer,
            10, 30, 240, 15, [],
            [
                new() { Code = "clinic", Datatype = AttributeDatatype.String, Required = true, Description = "配药医院或卫生院", Order = 1 },
            ]),
        new("EC-013", ServiceCategory.HomeElderCare, "康复训练陪护", "上门陪伴老人进行肢体康复训练。", true, ResponderKind.Volunteer,
            10, 30, 120, 20, ["康复陪护"],
            [
                new()
                {
                    Code = "mobility", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "行动能力", Order = 1,
                    Values =
                    [
                        new() { Key = "walk", Name = "能自行行走" },
                        new() { Key = "wheelchair", Name = "需轮椅" },
                        new() { Key = "bedridden", Name = "卧床" },
                    ],
                },
            ]),
        new("EC-014", ServiceCategory.HomeElderCare, "卧床老人翻身护理", "上门为卧床老人翻身、拍背、擦洗，预防压疮。", true, ResponderKind.Volunteer,
            10, 30, 60, 15, ["养老护理"], []),
        new("EC-015", ServiceCategory.HomeElderCare, "居家护理指导", "上门指导家属掌握喂食、用药和照护技巧。", true, ResponderKind.Volunteer, 10, 30, 120, 15, ["养老护理"], []),
        new("EC-016", ServiceCategory.HomeElderCare, "家庭病床护理协助", "协助医护人员为家庭病床老人换药、量体征。", true, ResponderKind.Volunteer,
            10, 30, 120, 20, ["医疗护理"], []),
        new("EC-017", ServiceCategory.HomeElderCare, "住院陪护", "在老人住院期间提供日间陪护和生活照料。", true, ResponderKind.Volunteer,
            10, 30, 1440, 40, ["康复陪护"],
            [
                new() { Code = "hospital", Datatype = AttributeDatatype.String, Required = true, Description = "住院医院及床号", Order = 1 },
                new() { Code = "days", Datatype = AttributeDatatype.Number, Required = false, Description = "预计陪护天数", Order = 2 },
            ]),
        new("EC-018", ServiceCategory.HomeElderCare, "紧急呼叫响应", "老人按下紧急呼叫后，就近队伍立即上门查看处置。", true, ResponderKind.Team, 5, 30, 120, 30, ["应急救护"], []),
        new("EC-019", ServiceCategory.HomeElderCare, "突发疾病陪护", "老人突发疾病时上门急救并陪同送医。", true, ResponderKind.Team,
            5, 30, 240, 40, ["应急救护", "医疗护理"],
            [
                new() { Code = "symptom", Datatype = AttributeDatatype.String, Required = true, Description = "主要症状", Order = 1 },
            ]),
        new("EC-020", ServiceCategory.HomeElderCare, "失智老人临时照看", "家属外出时临时照看认知障碍老人。", true, ResponderKind.Volunteer,
            10, 30, 480, 30, ["养老护理"],
            [
                new() { Code = "hours", Datatype = AttributeDatatype.Number, Required = true, Description = "照看时长（小时）", Order = 1 },
            ]),
        new("EC-021", ServiceCategory.HomeElderCare, "适老化改造评估", "上门评估老人居室安全，提出扶手、防滑等改造建议。", true, ResponderKind.Team, 10, 30, 1440, 25, ["养老护理"], []),
        new("EC-022", ServiceCategory.HomeElderCare, "辅具借用配送", "从服务站借出轮椅、助行器等辅具并送到家中。", true, ResponderKind.Station,
            10, 30, 240, 10, [],
            [
                new()
                {
                    Code = "aid", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "辅具类型", Order = 1,
                    Values =
                    [
                        new() { Key = "wheelchair", Name = "轮椅" },
                        new() { Key = "walker", Name = "助行器" },
                        new() { Key = "bed", Name = "护理床" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
            ]),
        new("EC-023", ServiceCategory.HomeElderCare, "读报读信", "上门为视力不好的老人读报、读信和念说明书。", true, ResponderKind.Volunteer, 10, 30, 60, 5, [], []),
        new("EC-024", ServiceCategory.HomeElderCare, "节日上门陪伴", "在重阳、春节等节日上门陪伴独居老人。", true, ResponderKind.Volunteer, 10, 30, 180, 10, [], []),
        new("EC-025", ServiceCategory.HomeElderCare, "文艺慰问演出", "组织文艺队伍到村居或老人家门口慰问演出。", true, ResponderKind.Team, 10, 30, 240, 20, ["文艺演出"], []),
        new("EC-026", ServiceCategory.HomeElderCare, "代取体检报告", "到卫生院代取老人体检报告并送回讲解。", true, ResponderKind.Volunteer, 10, 30, 120, 5, [], []),
        new("EC-027", ServiceCategory.HomeElderCare, "助行外出陪伴", "陪伴老人外出散步、购物或参加村里活动。", true, ResponderKind.Volunteer,
            10, 30, 120, 10, [],
            [
                new()
                {
                    Code = "mobility", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "行动能力", Order = 1,
                    Values =
                    [
                        new() { Key = "walk", Name = "能自行行走" },
                        new() { Key = "wheelchair", Name = "需轮椅" },
                        new() { Key = "bedridden", Name = "卧床" },
                    ],
                },
            ]),

        // 困难帮扶
        new("HA-001", ServiceCategory.HardshipAssistance, "困难家庭慰问", "上门走访慰问困难家庭，送去慰问品并了解需求。", true, ResponderKind.Volunteer,
            10, 30, 240, 20, [],
            [
                new()
                {
                    Code = "hardship", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "困难类型", Order = 1,
                    Values =
                    [
                        new() { Key = "illness", Name = "因病" },
                        new() { Key = "disability", Name = "因残" },
                        new() { Key = "disaster", Name = "因灾" },
                        new() { Key = "study", Name = "因学" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
            ]),
        new("HA-002", ServiceCategory.HardshipAssistance, "助学帮扶", "对接助学资源，帮助困难家庭学生申请资助。", true, ResponderKind.Station,
            10, 30, 4320, 30, [],
            [
                new()
                {
                    Code = "stage", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "学段", Order = 1,
                    Values =
                    [
                        new() { Key = "primary", Name = "小学" },
                        new() { Key = "junior", Name = "初中" },
                        new() { Key = "senior", Name = "高中" },
                        new() { Key = "college", Name = "大学" },
                    ],
                },
            ]),
        new("HA-003", ServiceCategory.HardshipAssistance, "临时救助申请代办", "上门核实情况，代为准备材料申请临时救助。", true, ResponderKind.Station,
            10, 30, 4320, 30, ["政策解读"],
            [
                new()
                {
                    Code = "reason", Datatype = AttributeDatatype.SingleValueList, Required = true, Description = "困难原因", Order = 1,
                    Values =
                    [
                        new() { Key = "illness", Name = "因病" },
                        new() { Key = "disaster", Name = "因灾" },
                        new() { Key = "accident", Name = "意外事故" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
                new() { Code = "household", Datatype = AttributeDatatype.Number, Required = false, Description = "家庭人口", Order = 2 },
            ]),
        new("HA-004", ServiceCategory.HardshipAssistance, "低保申请代办", "协助符合条件的家庭准备材料并代办低保申请。", true, ResponderKind.Station,
            10, 30, 4320, 30, ["政策解读"],
            [
                new() { Code = "household", Datatype = AttributeDatatype.Number, Required = false, Description = "家庭人口", Order = 1 },
            ]),
        new("HA-005", ServiceCategory.HardshipAssistance, "特困供养申请代办", "协助无劳动能力、无生活来源的人员申请特困供养。", true, ResponderKind.Station,
            10, 30, 4320, 30, ["政策解读"], []),
        new("HA-006", ServiceCategory.HardshipAssistance, "残疾人补贴申请代办", "协助残疾人申请生活补贴和护理补贴。", true, ResponderKind.Station,
            10, 30, 4320, 25, ["政策解读"], []),
        new("HA-007", ServiceCategory.HardshipAssistance, "残疾人辅具申领代办", "协助残疾人申领轮椅、助听器等康复辅具。", true, ResponderKind.Station, 10, 30, 4320, 20, [], []),
        new("HA-008", ServiceCategory.HardshipAssistance, "医疗救助申请代办", "协助大病患者家庭整理票据申请医疗救助。", true, ResponderKind.Station,
            10, 30, 4320, 30, ["政策解读"],
            [
                new() { Code = "expense", Datatype = AttributeDatatype.Number, Required = false, Description = "自付医疗费用（元）", Order = 1 },
            ]),
        new("HA-009", ServiceCategory.HardshipAssistance, "慈善救助申请代办", "协助困难群众向慈善总会申请慈善救助。", true, ResponderKind.Station, 10, 30, 4320, 25, [], []),
        new("HA-010", ServiceCategory.HardshipAssistance, "危房改造申请代办", "协助住房困难家庭申请农村危房改造。", true, ResponderKind.Station,
            10, 30, 4320, 30, ["政策解读"], []),
        new("HA-011", ServiceCategory.HardshipAssistance, "水电费减免申请代办", "协助低保、特困家庭申请水电费减免。", true, ResponderKind.Station, 10, 30, 4320, 15, [], []),
        new("HA-012", ServiceCategory.HardshipAssistance, "困难职工帮扶申请", "协助困难职工向工会申请帮扶救助。", true, ResponderKind.Station, 10, 30, 4320, 25, [], []),
        new("HA-013", ServiceCategory.HardshipAssistance, "困难党员帮扶", "走访困难党员和老党员，落实帮扶措施。", true, ResponderKind.Station, 10, 30, 4320, 25, [], []),
        new("HA-014", ServiceCategory.HardshipAssistance, "退役军人困难帮扶申请", "协助困难退役军人申请帮扶援助。", true, ResponderKind.Station,
            10, 30, 4320, 25, ["政策解读"], []),
        new("HA-015", ServiceCategory.HardshipAssistance, "法律援助申请代办", "协助经济困难群众准备材料申请法律援助。", true, ResponderKind.Team,
            10, 30, 4320, 30, ["法律咨询"],
            [
                new()
                {
                    Code = "case_type", Datatype = AttributeDatatype.SingleValueList, Required = false, Description = "案件类型", Order = 1,
                    Values =
                    [
                        new() { Key = "wage", Name = "追索劳动报酬" },
                        new() { Key = "support", Name = "赡养抚养" },
                        new() { Key = "injury", Name = "人身损害" },
                        new() { Key = "other", Name = "其他" },
                    ],
                },
            ]),
        new("HA-016", ServiceCategory.HardshipAssistance, "就业岗位推荐", "了解求职意向，推荐镇内企业合适岗位。", false, ResponderKind.Station,
            10, null, 4320, 15, [],
            [
                new() { Code = "job", Datatype = AttributeDatatype.String, Required = true, Description = "意向岗位", Order = 1 },
                new() { Code = "age", Datatype = AttributeDatatype.Number, Required = false, Description = "年龄", Order = 2 },
            ]),
        new("HA-017", ServiceCategory.HardshipAssistance, "技能培训报名", "帮助困难人员报名参加免费职业技能培训。", false, ResponderKind.Station, 10, null, 1440, 10, [], []),
        new("HA-018", ServiceCategory.HardshipAssistance, "困难学生课业辅导", "为困难家庭和留守儿童提供课业辅导。", true, ResponderKind.Volunteer,
            10, 30, 120, 15, ["课业辅导"],
            [
                new() { Code = "grade", Datatype = AttributeDatatype.String, Required = true, Description = "年级及科目", Order = 1 },
            ]),
        new("HA-019", ServiceCategory.HardshipAssistance, "留守儿童关爱", "上门陪伴留守儿童，关注学习生活和心理状况。", true, ResponderKind.Volunteer,
            10, 30, 240, 15, ["心理疏导"], []),
        new("HA-020", ServiceCategory.HardshipAssistance, "爱心物资发放", "将爱心米油、衣物等物资送到困难群众家中。", true, ResponderKind.Volunteer, 10, 30, 240, 10, [], []),
        new("HA-021", ServiceCategory.HardshipAssistance, "冬衣被褥送温暖", "入冬前为困难家庭送去棉衣棉被。", true, ResponderKind.Volunteer, 10, 30, 240, 10, [], []),
        new("HA-022", ServiceCategory.HardshipAssistance, "滞销农产品代销", "帮助困难农户联系渠道销售滞销农产品。", true, ResponderKind.Volunteer,
            10, 30, 4320, 20, [],
            [
                new() { Code = "product", Datatype = AttributeDatatype.String, Required = true, Description = "农产品及数量", Order = 1 },
            ]),
        new("HA-023", ServiceCategory.HardshipAssistance, "受灾家庭救助", "台风、火灾等灾害后组织队伍上门救助受灾家庭。", true, ResponderKind.Team,
            5, 30, 1440, 50, ["应急救护"], []),
        new("HA-024", ServiceCategory.HardshipAssistance, "心理危机干预", "组织心理志愿者上门干预处于心理危机的人员。", true, ResponderKind.Team, 5, 30, 240, 50, ["心理疏导"], []),
        new("HA-025", ServiceCategory.HardshipAssistance, "独居困难老人结对帮扶", "安排党员与独居困难老人结对，定期上门帮扶。", true, ResponderKind.Volunteer,
            10, 30, 4320, 30, [], []),
        new("HA-026", ServiceCategory.HardshipAssistance, "重病患者护理帮扶", "为无人照料的重病患者提供护理和生活帮助。", true, ResponderKind.Volunteer,
            10, 30, 480, 30, ["医疗护理"], []),
        new("HA-027", ServiceCategory.HardshipAssistance, "微心愿认领", "收集困难群众微心愿，由党员认领帮助实现。", true, ResponderKind.Volunteer,
            10, 30, 4320, 15, [],
            [
                new() { Code = "wish", Datatype = AttributeDatatype.Text, Required = true, Description = "心愿内容", Order = 1 },
            ]),
    ];
}
