namespace Volunteer96345.Common.Localization;

/// <summary>Marker for the one resource file of UI and error texts: SharedResource.resx (zh-CN, the neutral language) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
