using QRCoder;

namespace Volunteer96345.Common.Web;

/// <summary>QR codes drawn on the server as PNG data URIs: an image every phone browser and printer shows, with no script.</summary>
internal static class QrImage
{
    public static string PngDataUri(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
