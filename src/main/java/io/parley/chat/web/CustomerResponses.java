package io.parley.chat.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** The widget's REST answers get the same {@link CustomerRedaction} as its STOMP messages. */
@RestControllerAdvice(assignableTypes = WidgetConversationController.class)
class CustomerResponses implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    CustomerResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType, Class selectedConverterType,
            ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        return CustomerRedaction.redact(tree) ? tree : body;
    }
}
