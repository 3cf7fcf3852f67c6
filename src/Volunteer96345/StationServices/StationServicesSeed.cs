using Volunteer96345.Data;

namespace Volunteer96345.StationServices;

/// <summary>
/// The errand types a town starts with: the common 民政, 计生 and 社保 errands and the originals each needs. The 困难帮扶
/// applications of the catalogue (低保, 临时救助, 残疾人补贴, 医疗救助) are errands: a call for one of them becomes an errand
/// whose originals the service point collects.
/// </summary>
internal static class StationServicesSeed
{
    public static void Run(AppDbContext db, DateTime now)
    {
        db.AddRange(
            ErrandType.Define("高龄津贴申领", ErrandOffice.CivilAffairs, ["身份证", "户口簿", "银行卡", "一寸照片"], 10, now),
            ErrandType.Define("医保参保登记", ErrandOffice.SocialSecurity, ["身份证", "户口簿"], 5, now),
            ErrandType.Define("独生子女父母奖励", ErrandOffice.FamilyPlanning, ["身份证", "户口簿", "独生子女父母光荣证", "结婚证"], 15, now),
            ErrandType.Define("残疾人两项补贴申请", ErrandOffice.CivilAffairs, ["身份证", "户口簿", "残疾人证", "银行卡"], 15, now, "HA-006"),
            ErrandType.Define("低保申请", ErrandOffice.CivilAffairs, ["身份证", "户口簿", "家庭收入情况说明", "银行卡"], 20, now, "HA-004"),
            ErrandType.Define("临时救助申请", ErrandOffice.CivilAffairs, ["身份证", "户口簿", "困难情况说明"], 10, now, "HA-003"),
            ErrandType.Define("医疗救助申请", ErrandOffice.CivilAffairs, ["身份证", "户口簿", "医疗费用票据", "出院小结"], 20, now, "HA-008"),
            ErrandType.Define("养老保险待遇领取资格认证", ErrandOffice.SocialSecurity, ["身份证", "社会保障卡"], 3, now));
    }
}
