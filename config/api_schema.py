"""The OpenAPI schema's errors, described once for every operation.

Operations list the answers particular to them (@extend_schema); the ones
every operation can give (a missing or bad token, a role that is not
enough, nothing found, a body that is not JSON) are added here, all with the
one error body (ErrorSerializer).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny

from capabilities.serializers import ErrorSerializer

FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Signed in without the role this needs (code permission_denied): viewers "
    "read, owners and editors answer, owners manage.",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="No such object among those of your organisations, or no such page "
    "(code not_found).",
)
UNAUTHENTICATED = OpenApiResponse(
    ErrorSerializer,
    description="No credentials (code not_authenticated) or a wrong or revoked token "
    "(code authentication_failed); the answer has the header WWW-Authenticate: Token.",
)
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="Invalid input (code invalid, see errors), or a body that is not JSON "
    "(code parse_error) or over the size limit (code request_too_large).",
)
UNSUPPORTED = OpenApiResponse(
    ErrorSerializer,
    description="The body is not application/json (code unsupported_media_type).",
)


class ApiSchema(AutoSchema):
    # Not get_response_serializers: @extend_schema(responses=...) replaces that.
    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        defaults = {"401": UNAUTHENTICATED}
        if not isinstance(self.view, ObtainAuthToken):  # signing in: no role
            if not all(p is AllowAny for p in self.view.permission_classes):
                defaults["403"] = FORBIDDEN
        if "{" in self.path or self.method == "GET":  # an object by its id, or a list's page
            defaults["404"] = NOT_FOUND
        reads_a_body = self.method in ("POST", "PUT", "PATCH")
        if reads_a_body and self.get_request_serializer() is not None:
            defaults |= {"400": INVALID, "415": UNSUPPORTED}
        for code, response in defaults.items():
            if code not in bodies:
                bodies[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(bodies.items()))
