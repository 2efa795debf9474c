// Restoration's tests repair real recordings (infra/material.sh) with faults injected at known places.
[assembly: Xunit.Trait("Category", "Material")]
