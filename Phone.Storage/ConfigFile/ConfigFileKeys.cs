using System.Globalization;
using Phone.SipCore.Configuration;

namespace Phone.Storage.ConfigFile;

/// <summary>
/// The keys of the config file, in export order. Chinese aliases are the names the phone's
/// own screens use, so files written from those screens import unchanged.
/// </summary>
internal static class ConfigFileKeys
{
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<ConfigKey<LineSettings>> Line { get; } =
    [
        new("Feature Sync", ["功能同步", "特性同步"], nameof(LineSettings.FeatureSync),
            l => ConfigFileSyntax.FromBool(l.FeatureSync), (l, v) => l with { FeatureSync = ConfigFileSyntax.ToBool(v) }),
        new("Enable", ["Enabled", "启用", "线路启用"], nameof(LineSettings.Enabled),
            l => ConfigFileSyntax.FromBool(l.Enabled), (l, v) => l with { Enabled = ConfigFileSyntax.ToBool(v) }),
        new("Label", ["标签", "线路名称"], nameof(LineSettings.Label), l => l.Label, (l, v) => l with { Label = v }),
        new("User", ["User Name", "用户名", "注册名"], nameof(LineSettings.User), l => l.User, (l, v) => l with { User = v }),
        new("Display Name", ["显示名称", "显示名"], nameof(LineSettings.DisplayName),
            l => l.DisplayName, (l, v) => l with { DisplayName = v }),
        new("Auth User", ["Authentication User", "认证用户名", "鉴权用户名", "认证名"], nameof(LineSettings.AuthUser),
            l => l.AuthUser, (l, v) => l with { AuthUser = v }),
        // Import only: a password is never written out.
        new("Password", ["密码", "注册密码"], nameof(LineSettings.Password), _ => null, (l, v) => l with { Password = v }),
        new("Registrar", ["Registrar Host", "SIP Server", "注册服务器", "服务器地址"], nameof(LineSettings.RegistrarHost),
            l => l.RegistrarHost, (l, v) => l with { RegistrarHost = v }),
        new("Port", ["端口", "服务器端口"], nameof(LineSettings.Port),
            l => Int(l.Port), (l, v) => l with { Port = ConfigFileSyntax.ToInt(v) }),
        new("Transport", ["传输协议", "传输方式"], nameof(LineSettings.Transport),
            l => ConfigFileSyntax.FromTransport(l.Transport), (l, v) => l with { Transport = ConfigFileSyntax.ToTransport(v) }),
        new("Outbound Proxy", ["出局代理", "出站代理", "外呼代理"], nameof(LineSettings.OutboundProxy),
            l => l.OutboundProxy ?? "", (l, v) => l with { OutboundProxy = v.Length == 0 ? null : v }),
        new("Registration Expiry", ["Expires", "注册有效期", "注册周期", "注册时长"], nameof(LineSettings.RegistrationExpiry),
            l => Int(l.RegistrationExpiry), (l, v) => l with { RegistrationExpiry = ConfigFileSyntax.ToInt(v) }),
        new("PBX Profile", ["PBX配置", "PBX模板", "服务器类型"], nameof(LineSettings.PbxProfileId),
            l => l.PbxProfileId is { } id ? Int(id) : "", (l, v) => l with { PbxProfileId = ConfigFileSyntax.ToOptionalInt(v) }),
        new("Accept Calls Only From Server", ["仅接受服务器来电"], nameof(LineSettings.AcceptCallsOnlyFromServer),
            l => ConfigFileSyntax.FromBool(l.AcceptCallsOnlyFromServer),
            (l, v) => l with { AcceptCallsOnlyFromServer = ConfigFileSyntax.ToBool(v) }),
    ];

    public static IReadOnlyList<ConfigKey<PbxProfile>> Profile { get; } =
    [
        new("Name", ["名称", "配置名称"], nameof(PbxProfile.Name), p => p.Name, (p, v) => p with { Name = v }),
        new("Sync Method", ["同步方式", "同步方法"], nameof(PbxProfile.Method),
            p => p.Method.ToString(), (p, v) => p with { Method = ConfigFileSyntax.ToSyncMethod(v) }),
        new("uaCSTA", ["Accept uaCSTA", "接受uaCSTA", "uaCSTA支持"], nameof(PbxProfile.AcceptUaCsta),
            p => ConfigFileSyntax.FromBool(p.AcceptUaCsta), (p, v) => p with { AcceptUaCsta = ConfigFileSyntax.ToBool(v) }),
        Code("DND On Code", "免打扰开启码", nameof(PbxProfile.DndOnCode), p => p.DndOnCode, (p, v) => p with { DndOnCode = v }),
        Code("DND Off Code", "免打扰关闭码", nameof(PbxProfile.DndOffCode), p => p.DndOffCode, (p, v) => p with { DndOffCode = v }),
        Code("Forward Always On Code", "无条件转移开启码", nameof(PbxProfile.ForwardAlwaysOnCode),
            p => p.ForwardAlwaysOnCode, (p, v) => p with { ForwardAlwaysOnCode = v }),
        Code("Forward Always Off Code", "无条件转移关闭码", nameof(PbxProfile.ForwardAlwaysOffCode),
            p => p.ForwardAlwaysOffCode, (p, v) => p with { ForwardAlwaysOffCode = v }),
        Code("Forward Busy On Code", "遇忙转移开启码", nameof(PbxProfile.ForwardBusyOnCode),
            p => p.ForwardBusyOnCode, (p, v) => p with { ForwardBusyOnCode = v }),
        Code("Forward Busy Off Code", "遇忙转移关闭码", nameof(PbxProfile.ForwardBusyOffCode),
            p => p.ForwardBusyOffCode, (p, v) => p with { ForwardBusyOffCode = v }),
        Code("Forward No Answer On Code", "无应答转移开启码", nameof(PbxProfile.ForwardNoAnswerOnCode),
            p => p.ForwardNoAnswerOnCode, (p, v) => p with { ForwardNoAnswerOnCode = v }),
        Code("Forward No Answer Off Code", "无应答转移关闭码", nameof(PbxProfile.ForwardNoAnswerOffCode),
            p => p.ForwardNoAnswerOffCode, (p, v) => p with { ForwardNoAnswerOffCode = v }),
        new("Forward Pattern", ["转移号码格式", "转移格式"], nameof(PbxProfile.ForwardPattern),
            p => p.ForwardPattern, (p, v) => p with { ForwardPattern = v }),
        new("Seconds Per Ring", ["每次振铃秒数", "振铃间隔"], nameof(PbxProfile.SecondsPerRing),
            p => Int(p.SecondsPerRing), (p, v) => p with { SecondsPerRing = ConfigFileSyntax.ToInt(v) }),
        new("Event Package", ["事件包", "订阅事件"], nameof(PbxProfile.EventPackage),
            p => p.EventPackage, (p, v) => p with { EventPackage = v }),
        // As the admin wrote it, e.g. "10.0.0.0/24, 2001:db8::/48": only the row's first ':' ends the key.
        new("Trusted Hosts", ["可信主机"], nameof(PbxProfile.TrustedHosts),
            p => p.TrustedHosts, (p, v) => p with { TrustedHosts = v }),
    ];

    private static ConfigKey<PbxProfile> Code(string name, string alias, string property,
        Func<PbxProfile, string> export, Func<PbxProfile, string, PbxProfile> apply) =>
        new(name, [alias], property, export, apply);
}
