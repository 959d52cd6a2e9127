from rest_framework import serializers


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    slug = serializers.SlugField(help_text="Used in public addresses, e.g. /k/<slug>/ (anonymous first contact).")


class MeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    organisation = OrganisationRefSerializer(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    client = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="The program the token is for."
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
