namespace Phone.Web.Api;

/// <summary>The body of <c>POST /api/lines/{n}/dnd</c>.</summary>
public sealed record DndRequest(bool Enabled);
