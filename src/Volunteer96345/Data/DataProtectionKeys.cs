using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data;

internal static class DataProtectionKeys
{
    /// <summary>The key ring's secrets are written encrypted with the field key (<see cref="FieldKeyXmlEncryption"/>), never in the clear into the database.</summary>
    public static IDataProtectionBuilder ProtectKeysWithFieldKey(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new FieldKeyXmlEncryptor(sp.GetRequiredService<FieldProtector>())));
        return builder;
    }
}
