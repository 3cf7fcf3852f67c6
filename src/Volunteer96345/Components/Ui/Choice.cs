namespace Volunteer96345.Components.Ui;

/// <summary>A value and its localized label, for the selects of the back office.</summary>
public sealed record Choice<T>(T Value, string Label);
