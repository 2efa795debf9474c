namespace RenderFarm.Mixing.Inserts;

/// <summary>A numeric setting of an insert: its name in the session, how to read it and how to make a copy with it changed.</summary>
public sealed record SettingField<T>(string Name, Func<T, double> Get, Func<T, double, T> Set);
