using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Errors;
using Volunteer96345.Components.Ui;

namespace Volunteer96345.Tests.Components.Ui;

public sealed class FieldTests : IDisposable
{
    private readonly BunitContext _context = new();

    public FieldTests() => _context.Services.AddLocalization();

    [Fact]
    public void A_field_shows_its_own_error_beside_it_and_not_another_fields()
    {
        var error = new AppError(ErrorKind.Validation, "有误", new Dictionary<string, string[]> { ["name"] = ["请填写名称。"] });

        var name = _context.Render<Field>(p => p.Add(f => f.Name, "name").Add(f => f.Label, "名称").AddCascadingValue(error));
        var phone = _context.Render<Field>(p => p.Add(f => f.Name, "phone").Add(f => f.Label, "联系电话").AddCascadingValue(error));

        Assert.Equal("请填写名称。", name.Find("[role=alert]").TextContent);
        Assert.Empty(phone.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_required_field_marks_its_label()
    {
        var field = _context.Render<Field>(p => p.Add(f => f.Name, "name").Add(f => f.Label, "名称").Add(f => f.Required, true));

        Assert.Contains("required", field.Find("label").ClassList);
    }

    public void Dispose() => _context.Dispose();
}
