namespace RenderFarm.Grains;

/// <summary>
/// What an account may do. Admin: everything, accounts and tokens included. Engineer: submit, act on and
/// read every catalogue, upload, browse the media root, edit profiles, watch the farm. Client: read its own
/// client's catalogues and download what they made, nothing else.
/// </summary>
public enum Role
{
    Client,
    Engineer,
    Admin,
}
