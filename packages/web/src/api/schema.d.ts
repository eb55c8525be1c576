/**
 * Generated from the server's OpenAPI document (/api/v1/openapi.json) by packages/web/scripts/api-types.ts.
 * Do not edit: run `npm run -w @muster/web api-types` against a running server, or
 * `MUSTER_UPDATE_API_TYPES=1 npm test -- packages/web/test/api-types.test.ts`.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database and bus reachable */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with e-mail and password (and the two-factor code when enabled)
         * @description Repeated failures lock the account (5 failures) and the client address (20): 429 `login_locked` with Retry-After, 1 minute doubling up to 30. With two-factor enabled and no `totpCode`, the answer is 401 `totp_required`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        /** Format: uuid */
                        orgId?: string;
                        totpCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Seconds until the access token expires. */
                            expiresIn: number;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Format: uuid */
                            orgId: string;
                            /** Format: uuid */
                            userId: string;
                            role: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new session (the old token is spent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Seconds until the access token expires. */
                            expiresIn: number;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Format: uuid */
                            orgId: string;
                            /** Format: uuid */
                            userId: string;
                            role: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the login session: its refresh tokens, and its access tokens within seconds */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the caller is, in which organisation, with which role
         * @description Requires permission `org:read`.
         *
         *     Requires permission `org:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kind: "user" | "api_key";
                            userId: string;
                            apiKeyId?: string;
                            orgId: string;
                            role: string;
                            platformAdmin: boolean;
                            /** @description The organisations a user may switch to (empty for API keys). */
                            organizations: {
                                orgId: string;
                                orgName: string;
                                role: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/switch-org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new session in another organisation the caller belongs to
         * @description Requires permission `org:read`. Not available to API keys.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        orgId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Seconds until the access token expires. */
                            expiresIn: number;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Format: uuid */
                            orgId: string;
                            /** Format: uuid */
                            userId: string;
                            role: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your own password; your other sessions end
         * @description Requires permission `org:read`. Not available to API keys.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current: string;
                        new: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/accept-invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: create the account with a password and log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        password: string;
                        displayName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Seconds until the access token expires. */
                            expiresIn: number;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Format: uuid */
                            orgId: string;
                            /** Format: uuid */
                            userId: string;
                            role: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start two-factor enrolment: a new secret (shown this once) for an authenticator app
         * @description Requires permission `org:read`. Not available to API keys.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Base32 secret, for typing in. */
                            secret: string;
                            /** @description otpauth:// URL, for a QR code. */
                            otpauthUrl: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm enrolment with a current code: logins need a code from now on
         * @description Requires permission `org:read`. Not available to API keys.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Turn two-factor authentication off (needs a current code)
         * @description Requires permission `org:read`. Not available to API keys.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users of the caller's organisation
         * @description Requires permission `users:read`.
         *
         *     Requires permission `users:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["User"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user in the caller's organisation
         * @description Requires permission `users:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        role: "admin" | "operator" | "viewer" | "auditor";
                        displayName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string | null;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description Set when the user is disabled in this organisation. */
                            disabledAt: string | null;
                            /** @description Two-factor authentication is on. */
                            totpEnabled: boolean;
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user of the organisation
         * @description Requires permission `users:read`.
         *
         *     Requires permission `users:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string | null;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description Set when the user is disabled in this organisation. */
                            disabledAt: string | null;
                            /** @description Two-factor authentication is on. */
                            totpEnabled: boolean;
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a user from this organisation (the account is deleted when it belongs nowhere else)
         * @description Requires permission `users:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member's role (an organisation always keeps an enabled admin)
         * @description Requires permission `users:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: "admin" | "operator" | "viewer" | "auditor";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string | null;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description Set when the user is disabled in this organisation. */
                            disabledAt: string | null;
                            /** @description Two-factor authentication is on. */
                            totpEnabled: boolean;
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a user in this organisation: their sessions end within seconds
         * @description Requires permission `users:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string | null;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description Set when the user is disabled in this organisation. */
                            disabledAt: string | null;
                            /** @description Two-factor authentication is on. */
                            totpEnabled: boolean;
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a disabled user again
         * @description Requires permission `users:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string | null;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description Set when the user is disabled in this organisation. */
                            disabledAt: string | null;
                            /** @description Two-factor authentication is on. */
                            totpEnabled: boolean;
                            lastLoginAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a user's password (ends all their sessions); refused for accounts shared with other organisations
         * @description Requires permission `users:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations of the organisation (never the tokens)
         * @description Requires permission `users:read`.
         *
         *     Requires permission `users:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Invitation"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add an existing account to the organisation, or invite an e-mail address with a one-time link (valid 72 h)
         * @description Requires permission `users:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        role: "admin" | "operator" | "viewer" | "auditor";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: "added" | "invited";
                            user?: components["schemas"]["User"];
                            invitation?: components["schemas"]["Invitation"];
                            /** @description The invitation secret, for POST /auth/accept-invite. Shown once. */
                            token?: string;
                            /** @description Console path to send the person (the token is after #, so it never reaches a server log). */
                            acceptPath?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation
         * @description Requires permission `users:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            invitedBy: string | null;
                            /** Format: date-time */
                            expiresAt: string;
                            acceptedAt: string | null;
                            revokedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every organisation
         * @description Platform administrators only.
         *
         *     Platform administrators only.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Organization"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an organisation; the caller becomes its first admin
         * @description Platform administrators only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            slug: string;
                            /** Format: date-time */
                            createdAt: string;
                            members: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organisation
         * @description Platform administrators only.
         *
         *     Platform administrators only.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            slug: string;
                            /** Format: date-time */
                            createdAt: string;
                            members: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename an organisation
         * @description Platform administrators only.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            slug: string;
                            /** Format: date-time */
                            createdAt: string;
                            members: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API keys of the organisation (never the secrets)
         * @description Requires permission `apikeys:read`.
         *
         *     Requires permission `apikeys:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the key is in this response only
         * @description Requires permission `apikeys:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        role: "admin" | "operator" | "viewer" | "auditor";
                        /**
                         * Format: date-time
                         * @description Default: never.
                         */
                        expiresAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description First characters of the key, to recognise it. The key itself is shown once. */
                            keyPrefix: string;
                            expiresAt: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Updated at most once a minute. */
                            lastUsedAt: string | null;
                            rotatedAt: string | null;
                            /** @description Until when the key replaced by the last rotation keeps working. */
                            previousExpiresAt: string | null;
                            revokedAt: string | null;
                            /** @description The secret (`mak_…`). Shown once; use as `Authorization: Bearer <key>`. */
                            key: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One API key
         * @description Requires permission `apikeys:read`.
         *
         *     Requires permission `apikeys:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description First characters of the key, to recognise it. The key itself is shown once. */
                            keyPrefix: string;
                            expiresAt: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Updated at most once a minute. */
                            lastUsedAt: string | null;
                            rotatedAt: string | null;
                            /** @description Until when the key replaced by the last rotation keeps working. */
                            previousExpiresAt: string | null;
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Revoke an API key (and any previous key still in its grace period)
         * @description Requires permission `apikeys:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description First characters of the key, to recognise it. The key itself is shown once. */
                            keyPrefix: string;
                            expiresAt: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Updated at most once a minute. */
                            lastUsedAt: string | null;
                            rotatedAt: string | null;
                            /** @description Until when the key replaced by the last rotation keeps working. */
                            previousExpiresAt: string | null;
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new secret; the old one keeps working for the grace period
         * @description Requires permission `apikeys:write`.
         */
        post: {
            parameters: {
                query?: {
                    /** @description How long the old secret keeps working. Default 86400 (24 h); 0 stops it at once. */
                    graceSeconds?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: "admin" | "operator" | "viewer" | "auditor";
                            /** @description First characters of the key, to recognise it. The key itself is shown once. */
                            keyPrefix: string;
                            expiresAt: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Updated at most once a minute. */
                            lastUsedAt: string | null;
                            rotatedAt: string | null;
                            /** @description Until when the key replaced by the last rotation keeps working. */
                            previousExpiresAt: string | null;
                            revokedAt: string | null;
                            /** @description The secret (`mak_…`). Shown once; use as `Authorization: Bearer <key>`. */
                            key: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's audit log, newest first; `format=csv` for a spreadsheet
         * @description Requires permission `audit:read`.
         *
         *     Requires permission `audit:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Actor id: a user, API key or device id. */
                    actor?: string;
                    actorType?: "user" | "api_key" | "device" | "system";
                    /** @description `users.create`, or a prefix such as `users`. */
                    action?: string;
                    targetType?: string;
                    targetId?: string;
                    from?: string;
                    to?: string;
                    /** @description Rows per page: at most 1000 as JSON, 10000 as CSV. */
                    limit?: number;
                    cursor?: string;
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                        "text/csv": {
                            items: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/credential/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the device credential: the next check-in returns a new one; the old one works until the agent first uses it
         * @description Requires permission `devices:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            deviceId: string;
                            /** @enum {boolean} */
                            rotationRequested: true;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/credential/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke the device credential at once, in every server process; the device must enroll again
         * @description Requires permission `devices:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            deviceId: string;
                            /** @enum {boolean} */
                            revoked: true;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrollment tokens of the organisation (never the secrets)
         * @description Requires permission `enrollment:read`.
         *
         *     Requires permission `enrollment:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["EnrollmentToken"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an enrollment token; the token is in this response only
         * @description Requires permission `enrollment:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /**
                         * Format: date-time
                         * @description Default: 7 days from now.
                         */
                        expiresAt?: string;
                        maxUses?: number;
                        /** @description Devices enrolled with it wait as pending until approved. */
                        requiresApproval?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description First characters of the token, to recognise it. */
                            tokenPrefix: string;
                            expiresAt: string | null;
                            maxUses: number | null;
                            uses: number;
                            requiresApproval: boolean;
                            revokedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The secret. Shown once. */
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an enrollment token
         * @description Requires permission `enrollment:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description First characters of the token, to recognise it. */
                            tokenPrefix: string;
                            expiresAt: string | null;
                            maxUses: number | null;
                            uses: number;
                            requiresApproval: boolean;
                            revokedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search and filter the fleet (keyset-paginated; format=csv exports every match)
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Text anywhere in hostname, display name, serial, model, vendor, OS, addresses, logged-in users or tags; `software:<name>` finds devices with a package whose name contains <name>. */
                    q?: string;
                    /** @description online: seen within the offline threshold; offline: an approved agent not seen within it; pending, retired: that stored status. */
                    status?: "online" | "offline" | "pending" | "retired";
                    /** @description linux, windows, macos, … */
                    platform?: string;
                    /** @description OS name ("Windows 11 Pro") or name and version ("Debian GNU/Linux 12"), case-insensitive. */
                    os?: string;
                    /** @description Repeat for devices having every tag given. */
                    tag?: string[];
                    /** @description agent: enrolled and reporting; manual: an asset without an agent. */
                    kind?: "agent" | "manual";
                    lastSeenBefore?: string;
                    lastSeenAfter?: string;
                    /** @description A leading - sorts descending. Devices never seen sort as the oldest. */
                    sort?: "hostname" | "-hostname" | "lastSeenAt" | "-lastSeenAt" | "os" | "-os";
                    limit?: number;
                    /** @description nextCursor of the previous page. */
                    cursor?: string;
                    /** @description csv: every matching row (at most 100000) as text/csv, ignoring limit and cursor. */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["DeviceListItem"][];
                            nextCursor: string | null;
                        };
                        "text/csv": {
                            items: components["schemas"]["DeviceListItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a device without an agent (printer, spare laptop, network gear)
         * @description Requires permission `devices:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hostname: string;
                        displayName?: string | null;
                        serialNumber?: string | null;
                        model?: string | null;
                        vendor?: string | null;
                        platform?: string | null;
                        osName?: string | null;
                        osVersion?: string | null;
                        tags?: string[];
                        notes?: string | null;
                        /** @description Values by custom field key; null or "" clears a value, keys not given keep theirs. */
                        customFields?: {
                            [key: string]: (string | number) | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            hostname: string;
                            displayName: string | null;
                            /** @description agent: enrolled and reporting; manual: an asset without an agent. */
                            kind: "agent" | "manual";
                            status: "active" | "pending" | "retired";
                            /** @description Seen within the organisation's offline threshold (default 300 s) and not retired. */
                            online: boolean;
                            lastSeenAt: string | null;
                            os: {
                                platform: string | null;
                                name: string | null;
                                version: string | null;
                            };
                            model: string | null;
                            vendor: string | null;
                            serialNumber: string | null;
                            primaryIp: string | null;
                            agentVersion: string | null;
                            tags: string[];
                            /** @description Custom field values by key (see /custom-fields). */
                            customFields: {
                                [key: string]: string | number;
                            };
                            osBuild: string | null;
                            kernelVersion: string | null;
                            arch: string | null;
                            hardwareUuid: string | null;
                            machineId: string | null;
                            cpuModel: string | null;
                            memoryBytes: number | null;
                            ipAddresses: string[];
                            macAddresses: string[];
                            loggedInUsers: string[];
                            notes: string | null;
                            enrolledAt: string | null;
                            lastReportAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            softwareCount: number;
                            /** @description Every inventory section the agent reported, by name (software is under /software). */
                            sections: {
                                [key: string]: {
                                    hash: string;
                                    data: unknown;
                                    error: unknown;
                                    /** Format: date-time */
                                    collectedAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import devices without an agent from CSV: all rows or none
         * @description A text/csv body (at most 5 MB, 10000 devices) with a header row naming its columns: hostname (required), displayName, serialNumber, model, vendor, platform, osName, osVersion, tags (separated by ; or ,), notes, and cf.<key> for custom fields. Every row is checked first; if any is bad the answer is 400 `invalid_rows` with `details` listing up to 100 problems as { row, message } (the header is row 1) and nothing is imported. A row whose serialNumber (or, in a row without one, hostname) matches an existing device without an agent updates that device: the columns the file has are written (an empty cf.<key> cell clears that field), the others are kept; so importing a file again creates no duplicates. A row matching several devices, or two rows with the same key, is a problem. Devices with an agent are never changed by an import.
         *
         *     Requires permission `devices:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Rows applied: created + updated. */
                            imported: number;
                            created: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One device with every inventory section
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            hostname: string;
                            displayName: string | null;
                            /** @description agent: enrolled and reporting; manual: an asset without an agent. */
                            kind: "agent" | "manual";
                            status: "active" | "pending" | "retired";
                            /** @description Seen within the organisation's offline threshold (default 300 s) and not retired. */
                            online: boolean;
                            lastSeenAt: string | null;
                            os: {
                                platform: string | null;
                                name: string | null;
                                version: string | null;
                            };
                            model: string | null;
                            vendor: string | null;
                            serialNumber: string | null;
                            primaryIp: string | null;
                            agentVersion: string | null;
                            tags: string[];
                            /** @description Custom field values by key (see /custom-fields). */
                            customFields: {
                                [key: string]: string | number;
                            };
                            osBuild: string | null;
                            kernelVersion: string | null;
                            arch: string | null;
                            hardwareUuid: string | null;
                            machineId: string | null;
                            cpuModel: string | null;
                            memoryBytes: number | null;
                            ipAddresses: string[];
                            macAddresses: string[];
                            loggedInUsers: string[];
                            notes: string | null;
                            enrolledAt: string | null;
                            lastReportAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            softwareCount: number;
                            /** @description Every inventory section the agent reported, by name (software is under /software). */
                            sections: {
                                [key: string]: {
                                    hash: string;
                                    data: unknown;
                                    error: unknown;
                                    /** Format: date-time */
                                    collectedAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Forget a device and everything stored about it
         * @description Requires permission `devices:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a device: name, tags, notes, custom fields, status (approve a pending device, retire, restore)
         * @description hostname, serialNumber, model, vendor, platform, osName and osVersion can be edited on devices without an agent only.
         *
         *     Requires permission `devices:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string | null;
                        tags?: string[];
                        notes?: string | null;
                        /** @description Values by custom field key; null or "" clears a value, keys not given keep theirs. */
                        customFields?: {
                            [key: string]: (string | number) | null;
                        };
                        /** @description active approves a pending device or restores a retired one. */
                        status?: "active" | "retired";
                        hostname?: string;
                        serialNumber?: string | null;
                        model?: string | null;
                        vendor?: string | null;
                        platform?: string | null;
                        osName?: string | null;
                        osVersion?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            hostname: string;
                            displayName: string | null;
                            /** @description agent: enrolled and reporting; manual: an asset without an agent. */
                            kind: "agent" | "manual";
                            status: "active" | "pending" | "retired";
                            /** @description Seen within the organisation's offline threshold (default 300 s) and not retired. */
                            online: boolean;
                            lastSeenAt: string | null;
                            os: {
                                platform: string | null;
                                name: string | null;
                                version: string | null;
                            };
                            model: string | null;
                            vendor: string | null;
                            serialNumber: string | null;
                            primaryIp: string | null;
                            agentVersion: string | null;
                            tags: string[];
                            /** @description Custom field values by key (see /custom-fields). */
                            customFields: {
                                [key: string]: string | number;
                            };
                            osBuild: string | null;
                            kernelVersion: string | null;
                            arch: string | null;
                            hardwareUuid: string | null;
                            machineId: string | null;
                            cpuModel: string | null;
                            memoryBytes: number | null;
                            ipAddresses: string[];
                            macAddresses: string[];
                            loggedInUsers: string[];
                            notes: string | null;
                            enrolledAt: string | null;
                            lastReportAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            softwareCount: number;
                            /** @description Every inventory section the agent reported, by name (software is under /software). */
                            sections: {
                                [key: string]: {
                                    hash: string;
                                    data: unknown;
                                    error: unknown;
                                    /** Format: date-time */
                                    collectedAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/devices/{id}/software": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A device's installed packages, by name
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Text in the package name. */
                    q?: string;
                    limit?: number;
                    /** @description nextCursor of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["DeviceSoftware"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed on a device, newest first
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description software.installed, os.changed, … or a family: software, os, hardware, network. */
                    kind?: string;
                    since?: string;
                    limit?: number;
                    /** @description nextCursor of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["DeviceChange"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time series of a device (cpu, memory, disk, load, network, processes)
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Default: 24 hours before to. */
                    from?: string;
                    /** @description Default: now. At most 31 days after from. */
                    to?: string;
                    /** @description auto: raw samples up to 6 h, 5-minute averages up to 48 h, hourly beyond. raw covers at most 24 h, 5m at most 7 days. */
                    bucket?: "auto" | "raw" | "5m" | "1h";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                            bucket: "raw" | "5m" | "1h";
                            points: components["schemas"]["MetricPoint"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Custom fields defined for the organisation's devices
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CustomField"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Define a custom field
         * @description Requires permission `org:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stable identifier; also the `cf.<key>` filter of the device list and the CSV column. */
                        key: string;
                        label: string;
                        /** @description text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`). */
                        type: "text" | "number" | "date" | "choice";
                        choices?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            label: string;
                            /** @description text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`). */
                            type: "text" | "number" | "date" | "choice";
                            choices: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a custom field and every device's value for it
         * @description Requires permission `org:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Stable identifier; also the `cf.<key>` filter of the device list and the CSV column. */
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a custom field or change its choices (the type cannot change)
         * @description Requires permission `org:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Stable identifier; also the `cf.<key>` filter of the device list and the CSV column. */
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                        /** @description text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`). */
                        type?: "text" | "number" | "date" | "choice";
                        choices?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            label: string;
                            /** @description text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`). */
                            type: "text" | "number" | "date" | "choice";
                            choices: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/software": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Software titles installed in the organisation, with version and device counts
         * @description Requires permission `software:read`.
         *
         *     Requires permission `software:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Text in the name. */
                    q?: string;
                    source?: string;
                    sort?: "devices" | "-devices" | "name";
                    limit?: number;
                    /** @description nextCursor of the previous page. */
                    cursor?: string;
                    /** @description csv: every matching row (at most 100000) as text/csv, ignoring limit and cursor. */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SoftwareTitle"][];
                            nextCursor: string | null;
                        };
                        "text/csv": {
                            items: components["schemas"]["SoftwareTitle"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/software/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The installed versions of one title, each with its device count
         * @description Requires permission `software:read`.
         *
         *     Requires permission `software:read`.
         */
        get: {
            parameters: {
                query: {
                    /** @description Exact name. */
                    name: string;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SoftwareVersion"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/software/{softwareId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Devices having one catalogue entry (a version of a package)
         * @description Requires permission `software:read`.
         *
         *     Requires permission `software:read`.
         */
        get: {
            parameters: {
                query?: {
                    sort?: "hostname" | "-hostname" | "lastSeenAt" | "-lastSeenAt" | "os" | "-os";
                    limit?: number;
                    /** @description nextCursor of the previous page. */
                    cursor?: string;
                    /** @description csv: every matching row (at most 100000) as text/csv, ignoring limit and cursor. */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    softwareId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            software: components["schemas"]["SoftwareEntry"];
                            items: components["schemas"]["DeviceListItem"][];
                            nextCursor: string | null;
                        };
                        "text/csv": {
                            software: components["schemas"]["SoftwareEntry"];
                            items: components["schemas"]["DeviceListItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fleet at a glance: status counts, breakdowns, new devices, top software
         * @description Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Devices not retired. */
                            total: number;
                            online: number;
                            /** @description Approved agents not seen within the offline threshold. */
                            offline: number;
                            /** @description Enrolled, waiting for approval. */
                            pending: number;
                            retired: number;
                            /** @description Devices without an agent (not retired). */
                            manual: number;
                            /** @description Devices per platform (not retired). */
                            byPlatform: {
                                key: string | null;
                                count: number;
                            }[];
                            /** @description Per OS name and version, at most 50. */
                            byOs: {
                                key: string | null;
                                count: number;
                            }[];
                            /** @description Per hardware model, the top 20. */
                            byModel: {
                                key: string | null;
                                count: number;
                            }[];
                            /** @description Per agent version, at most 50. */
                            byAgentVersion: {
                                key: string | null;
                                count: number;
                            }[];
                            /** @description Devices added per UTC day, the last 30 days. */
                            newDevicesByDay: {
                                /** Format: date */
                                day: string;
                                count: number;
                            }[];
                            /** @description The 10 titles on the most devices. */
                            topSoftware: {
                                name: string;
                                source: string;
                                publisher: string | null;
                                versions: number;
                                devices: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates as server-sent events (text/event-stream)
         * @description Events of the caller's organisation: `devices.updated` with data `{ "deviceIds": [...], "count": n }` (ids capped at 100; `count` is the number of devices changed), coalesced to at most one a second. A comment line every 25 s keeps the connection open; a stream ends after 30 minutes and the client reconnects. Send `Accept: text/event-stream` (EventSource does); browsers may pass the access token as `access_token` since EventSource cannot set headers (API keys only in the header).
         *
         *     Requires permission `devices:read`.
         *
         *     Requires permission `devices:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Access token, for EventSource clients only. */
                    access_token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A text/event-stream that stays open. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange an enrollment token for a device credential */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Enrollment token from the console. */
                        token: string;
                        agent: {
                            /** @description Agent version. */
                            version: string;
                            platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                            arch: string;
                        };
                        hostname: string;
                        hardwareUuid?: string | null;
                        machineId?: string | null;
                        serialNumber?: string | null;
                        os: {
                            name: string;
                            version: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            deviceId: string;
                            credential: string;
                            /** @description pending: waits for an operator to approve it. */
                            status: "active" | "pending";
                            config: components["schemas"]["AgentConfig"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/checkin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Periodic check-in: config, pending work, whether a full report is wanted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agent: {
                            /** @description Agent version. */
                            version: string;
                            platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                            arch: string;
                        };
                        /** @description SHA-256 of the section's canonical JSON, hex. */
                        stateHash?: string;
                        spooledReports?: number | null;
                        uptimeSeconds?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            serverTime: string;
                            config: components["schemas"]["AgentConfig"];
                            fullReportRequested: boolean;
                            work: {
                                /** Format: uuid */
                                id: string;
                                type: "job" | "deployment" | "collect";
                                payload: unknown;
                                /** Format: date-time */
                                expiresAt?: string;
                            }[];
                            newCredential?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a report (full, delta, metrics or a work result); 202 once it is durably queued */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FullReport"] | components["schemas"]["DeltaReport"] | components["schemas"]["MetricsReport"] | components["schemas"]["WorkResultReport"];
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            reportId: string;
                            status: "accepted" | "duplicate";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, machine-readable: validation_failed, unauthorized, not_found, … */
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string | null;
            role: "admin" | "operator" | "viewer" | "auditor";
            /** @description Set when the user is disabled in this organisation. */
            disabledAt: string | null;
            /** @description Two-factor authentication is on. */
            totpEnabled: boolean;
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            email: string;
            role: "admin" | "operator" | "viewer" | "auditor";
            invitedBy: string | null;
            /** Format: date-time */
            expiresAt: string;
            acceptedAt: string | null;
            revokedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Organization: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            /** Format: date-time */
            createdAt: string;
            members: number;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            role: "admin" | "operator" | "viewer" | "auditor";
            /** @description First characters of the key, to recognise it. The key itself is shown once. */
            keyPrefix: string;
            expiresAt: string | null;
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Updated at most once a minute. */
            lastUsedAt: string | null;
            rotatedAt: string | null;
            /** @description Until when the key replaced by the last rotation keeps working. */
            previousExpiresAt: string | null;
            revokedAt: string | null;
        };
        AuditEntry: {
            id: string;
            /** Format: date-time */
            at: string;
            actorType: "user" | "api_key" | "device" | "system";
            actorId: string | null;
            action: string;
            targetType: string | null;
            targetId: string | null;
            ip: string | null;
            details: unknown;
        };
        EnrollmentToken: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description First characters of the token, to recognise it. */
            tokenPrefix: string;
            expiresAt: string | null;
            maxUses: number | null;
            uses: number;
            requiresApproval: boolean;
            revokedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        DeviceListItem: {
            /** Format: uuid */
            id: string;
            hostname: string;
            displayName: string | null;
            /** @description agent: enrolled and reporting; manual: an asset without an agent. */
            kind: "agent" | "manual";
            status: "active" | "pending" | "retired";
            /** @description Seen within the organisation's offline threshold (default 300 s) and not retired. */
            online: boolean;
            lastSeenAt: string | null;
            os: {
                platform: string | null;
                name: string | null;
                version: string | null;
            };
            model: string | null;
            vendor: string | null;
            serialNumber: string | null;
            primaryIp: string | null;
            agentVersion: string | null;
            tags: string[];
            /** @description Custom field values by key (see /custom-fields). */
            customFields: {
                [key: string]: string | number;
            };
        };
        DeviceSoftware: {
            /** @description Catalogue id: /software/{softwareId}/devices lists every device having it. */
            softwareId: number;
            name: string;
            version: string;
            publisher: string | null;
            source: string;
            arch: string;
            installDate: string | null;
        };
        DeviceChange: {
            id: number;
            /** Format: date-time */
            at: string;
            kind: string;
            subject: string;
            oldValue: string | null;
            newValue: string | null;
        };
        MetricPoint: {
            /** Format: date-time */
            at: string;
            cpuPercent: number | null;
            memoryPercent: number | null;
            diskPercent: number | null;
            load1: number | null;
            rxBytes: number | null;
            txBytes: number | null;
            processCount: number | null;
        };
        CustomField: {
            key: string;
            label: string;
            /** @description text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`). */
            type: "text" | "number" | "date" | "choice";
            choices: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SoftwareTitle: {
            name: string;
            /** @description deb, rpm, msi, registry, app, brew, … */
            source: string;
            publisher: string | null;
            /** @description Distinct versions installed in the organisation. */
            versions: number;
            /** @description Installations summed over versions (a device with two versions counts twice). */
            devices: number;
        };
        SoftwareVersion: {
            /** @description Catalogue id. */
            id: number;
            version: string;
            arch: string;
            publisher: string | null;
            devices: number;
        };
        SoftwareEntry: {
            id: number;
            name: string;
            version: string;
            source: string;
            arch: string;
            publisher: string | null;
            devices: number;
        };
        AgentConfig: {
            /** @default 60 */
            checkinIntervalSec: number;
            /** @default 900 */
            inventoryIntervalSec: number;
            /** @default 60 */
            metricsIntervalSec: number;
            sections?: string[];
            maxSpoolBytes?: number;
        };
        FullReport: {
            /** @enum {number} */
            protocol: 1;
            /** Format: uuid */
            reportId: string;
            sequence: number;
            /** Format: date-time */
            collectedAt: string;
            agent: {
                /** @description Agent version. */
                version: string;
                platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                arch: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "FullReport";
            sections: {
                system?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        /** @description Short host name. */
                        hostname: string;
                        fqdn?: string | null;
                        hardwareUuid?: string | null;
                        machineId?: string | null;
                        serialNumber?: string | null;
                        vendor?: string | null;
                        model?: string | null;
                        family?: string | null;
                        chassisType?: string | null;
                        virtualization?: {
                            role: "physical" | "virtual" | "container" | "unknown";
                            technology?: string | null;
                        };
                        domain?: string | null;
                        timezone?: string | null;
                        bootTime?: string | null;
                        uptimeSeconds?: number | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                os?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                        /** @description Product name: "Ubuntu", "Windows 11 Pro", "macOS". */
                        name: string;
                        /** @description Marketing version: "24.04", "23H2", "14.5". */
                        version: string;
                        build?: string | null;
                        family?: string | null;
                        codename?: string | null;
                        kernelName?: string | null;
                        kernelVersion?: string | null;
                        /** @description x86_64, arm64, … */
                        arch: string;
                        installDate?: string | null;
                        edition?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                hardware?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        cpu: {
                            model?: string | null;
                            vendor?: string | null;
                            sockets?: number | null;
                            cores?: number | null;
                            threads?: number | null;
                            speedMhz?: number | null;
                            maxSpeedMhz?: number | null;
                            arch?: string | null;
                            flags?: string[];
                        };
                        memory: {
                            totalBytes?: number | null;
                            modules: {
                                slot?: string | null;
                                sizeBytes?: number | null;
                                type?: string | null;
                                speedMhz?: number | null;
                                manufacturer?: string | null;
                                serialNumber?: string | null;
                                partNumber?: string | null;
                                formFactor?: string | null;
                            }[];
                        };
                        disks: {
                            /** @description Device: sda, nvme0n1, \\.\PHYSICALDRIVE0, disk0. */
                            name: string;
                            model?: string | null;
                            vendor?: string | null;
                            serialNumber?: string | null;
                            sizeBytes?: number | null;
                            type?: string | null;
                            interface?: string | null;
                            removable?: boolean | null;
                            firmware?: string | null;
                        }[];
                        volumes: {
                            /** @description Mount point or drive letter. */
                            mountPoint: string;
                            device?: string | null;
                            fsType?: string | null;
                            label?: string | null;
                            sizeBytes?: number | null;
                            freeBytes?: number | null;
                            encrypted?: boolean | null;
                        }[];
                        bios?: {
                            vendor?: string | null;
                            version?: string | null;
                            releaseDate?: string | null;
                            firmwareType?: string | null;
                        } | null;
                        baseboard?: {
                            vendor?: string | null;
                            product?: string | null;
                            version?: string | null;
                            serialNumber?: string | null;
                        } | null;
                        gpus: {
                            name: string;
                            vendor?: string | null;
                            driverVersion?: string | null;
                            memoryBytes?: number | null;
                            pciId?: string | null;
                        }[];
                        batteries: {
                            name?: string | null;
                            manufacturer?: string | null;
                            model?: string | null;
                            serialNumber?: string | null;
                            chemistry?: string | null;
                            designCapacityWh?: number | null;
                            fullChargeCapacityWh?: number | null;
                            healthPercent?: number | null;
                            cycleCount?: number | null;
                            chargePercent?: number | null;
                            status?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                software?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        items: {
                            name: string;
                            /** @description As the package manager spells it (epoch and release included: "1:2.39.2-1.1"). */
                            version: string;
                            publisher?: string | null;
                            arch?: string | null;
                            source: "deb" | "rpm" | "apk" | "pacman" | "snap" | "flatpak" | "msi" | "registry" | "winget" | "msix" | "chocolatey" | "app" | "pkg" | "brew" | "npm" | "pip" | "other";
                            installDate?: string | null;
                            installLocation?: string | null;
                            sizeBytes?: number | null;
                            user?: string | null;
                            purl?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                updates?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        installed: {
                            /** @description KB number, package name, or product key. */
                            id: string;
                            title?: string | null;
                            kind?: string | null;
                            installedAt?: string | null;
                            severity?: string | null;
                            version?: string | null;
                        }[];
                        pending: {
                            /** @description KB number, package name, or product key. */
                            id: string;
                            title?: string | null;
                            kind?: string | null;
                            installedAt?: string | null;
                            severity?: string | null;
                            version?: string | null;
                        }[];
                        rebootRequired?: boolean | null;
                        lastCheckedAt?: string | null;
                        lastInstalledAt?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                security?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        firewall: {
                            enabled?: boolean | null;
                            product?: string | null;
                            profiles: {
                                name: string;
                                enabled?: boolean | null;
                                defaultInbound?: string | null;
                            }[];
                            ruleCount?: number | null;
                        };
                        diskEncryption: {
                            /** @description True when the system volume is encrypted. */
                            enabled?: boolean | null;
                            product?: string | null;
                            volumes: {
                                volume: string;
                                encrypted?: boolean | null;
                                method?: string | null;
                                status?: string | null;
                                protection?: string | null;
                            }[];
                        };
                        antivirus: {
                            name: string;
                            enabled?: boolean | null;
                            upToDate?: boolean | null;
                            realTimeProtection?: boolean | null;
                            version?: string | null;
                            signatureVersion?: string | null;
                            signatureUpdatedAt?: string | null;
                        }[];
                        secureBoot?: boolean | null;
                        tpm?: {
                            present?: boolean | null;
                            enabled?: boolean | null;
                            version?: string | null;
                            manufacturer?: string | null;
                        } | null;
                        selinux?: {
                            /** @description enforcing, permissive, disabled */
                            mode: string;
                            policy?: string | null;
                        } | null;
                        apparmor?: {
                            enabled: boolean;
                            profilesEnforced?: number | null;
                            profilesComplain?: number | null;
                        } | null;
                        uac?: {
                            enabled?: boolean | null;
                            level?: string | null;
                        } | null;
                        gatekeeper?: boolean | null;
                        /** @description macOS System Integrity Protection. */
                        sip?: boolean | null;
                        autoUpdate?: {
                            enabled?: boolean | null;
                            mechanism?: string | null;
                        } | null;
                        screenLock?: boolean | null;
                        localAdmins: string[];
                        passwordPolicy?: {
                            minLength?: number | null;
                            maxAgeDays?: number | null;
                            lockoutThreshold?: number | null;
                        } | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                network?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        interfaces: {
                            name: string;
                            description?: string | null;
                            mac?: string | null;
                            type?: string | null;
                            up?: boolean | null;
                            mtu?: number | null;
                            speedMbps?: number | null;
                            ipv4: string[];
                            ipv6: string[];
                            dhcp?: boolean | null;
                            rxBytes?: number | null;
                            txBytes?: number | null;
                        }[];
                        defaultGateway: {
                            ipv4?: string | null;
                            ipv6?: string | null;
                            interface?: string | null;
                        };
                        dns: {
                            servers: string[];
                            searchDomains: string[];
                        };
                        listeningPorts: {
                            protocol: "tcp" | "udp" | "tcp6" | "udp6";
                            address: string;
                            port: number;
                            pid?: number | null;
                            process?: string | null;
                            user?: string | null;
                        }[];
                        primaryIp?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                users?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        accounts: {
                            name: string;
                            uid?: string | null;
                            gid?: string | null;
                            fullName?: string | null;
                            home?: string | null;
                            shell?: string | null;
                            type?: string | null;
                            isAdmin?: boolean | null;
                            disabled?: boolean | null;
                            lastLoginAt?: string | null;
                            passwordLastSetAt?: string | null;
                            groups?: string[];
                        }[];
                        loggedIn: {
                            name: string;
                            terminal?: string | null;
                            host?: string | null;
                            since?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                services?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        /** @description systemd, openrc, windows, launchd */
                        manager: string;
                        items: {
                            name: string;
                            displayName?: string | null;
                            description?: string | null;
                            /** @description running, stopped, failed, exited, … */
                            state: string;
                            startMode?: string | null;
                            pid?: number | null;
                            user?: string | null;
                            path?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                browser?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        extensions: {
                            /** @description chrome, chromium, edge, brave, firefox */
                            browser: string;
                            user?: string | null;
                            profile?: string | null;
                            id: string;
                            name: string;
                            version?: string | null;
                            enabled?: boolean | null;
                            permissions?: string[];
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
            };
        };
        DeltaReport: {
            /** @enum {number} */
            protocol: 1;
            /** Format: uuid */
            reportId: string;
            sequence: number;
            /** Format: date-time */
            collectedAt: string;
            agent: {
                /** @description Agent version. */
                version: string;
                platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                arch: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "DeltaReport";
            /** @description SHA-256 of the section's canonical JSON, hex. */
            baseStateHash: string;
            sections: {
                system?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        /** @description Short host name. */
                        hostname: string;
                        fqdn?: string | null;
                        hardwareUuid?: string | null;
                        machineId?: string | null;
                        serialNumber?: string | null;
                        vendor?: string | null;
                        model?: string | null;
                        family?: string | null;
                        chassisType?: string | null;
                        virtualization?: {
                            role: "physical" | "virtual" | "container" | "unknown";
                            technology?: string | null;
                        };
                        domain?: string | null;
                        timezone?: string | null;
                        bootTime?: string | null;
                        uptimeSeconds?: number | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                os?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                        /** @description Product name: "Ubuntu", "Windows 11 Pro", "macOS". */
                        name: string;
                        /** @description Marketing version: "24.04", "23H2", "14.5". */
                        version: string;
                        build?: string | null;
                        family?: string | null;
                        codename?: string | null;
                        kernelName?: string | null;
                        kernelVersion?: string | null;
                        /** @description x86_64, arm64, … */
                        arch: string;
                        installDate?: string | null;
                        edition?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                hardware?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        cpu: {
                            model?: string | null;
                            vendor?: string | null;
                            sockets?: number | null;
                            cores?: number | null;
                            threads?: number | null;
                            speedMhz?: number | null;
                            maxSpeedMhz?: number | null;
                            arch?: string | null;
                            flags?: string[];
                        };
                        memory: {
                            totalBytes?: number | null;
                            modules: {
                                slot?: string | null;
                                sizeBytes?: number | null;
                                type?: string | null;
                                speedMhz?: number | null;
                                manufacturer?: string | null;
                                serialNumber?: string | null;
                                partNumber?: string | null;
                                formFactor?: string | null;
                            }[];
                        };
                        disks: {
                            /** @description Device: sda, nvme0n1, \\.\PHYSICALDRIVE0, disk0. */
                            name: string;
                            model?: string | null;
                            vendor?: string | null;
                            serialNumber?: string | null;
                            sizeBytes?: number | null;
                            type?: string | null;
                            interface?: string | null;
                            removable?: boolean | null;
                            firmware?: string | null;
                        }[];
                        volumes: {
                            /** @description Mount point or drive letter. */
                            mountPoint: string;
                            device?: string | null;
                            fsType?: string | null;
                            label?: string | null;
                            sizeBytes?: number | null;
                            freeBytes?: number | null;
                            encrypted?: boolean | null;
                        }[];
                        bios?: {
                            vendor?: string | null;
                            version?: string | null;
                            releaseDate?: string | null;
                            firmwareType?: string | null;
                        } | null;
                        baseboard?: {
                            vendor?: string | null;
                            product?: string | null;
                            version?: string | null;
                            serialNumber?: string | null;
                        } | null;
                        gpus: {
                            name: string;
                            vendor?: string | null;
                            driverVersion?: string | null;
                            memoryBytes?: number | null;
                            pciId?: string | null;
                        }[];
                        batteries: {
                            name?: string | null;
                            manufacturer?: string | null;
                            model?: string | null;
                            serialNumber?: string | null;
                            chemistry?: string | null;
                            designCapacityWh?: number | null;
                            fullChargeCapacityWh?: number | null;
                            healthPercent?: number | null;
                            cycleCount?: number | null;
                            chargePercent?: number | null;
                            status?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                software?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        items: {
                            name: string;
                            /** @description As the package manager spells it (epoch and release included: "1:2.39.2-1.1"). */
                            version: string;
                            publisher?: string | null;
                            arch?: string | null;
                            source: "deb" | "rpm" | "apk" | "pacman" | "snap" | "flatpak" | "msi" | "registry" | "winget" | "msix" | "chocolatey" | "app" | "pkg" | "brew" | "npm" | "pip" | "other";
                            installDate?: string | null;
                            installLocation?: string | null;
                            sizeBytes?: number | null;
                            user?: string | null;
                            purl?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                updates?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        installed: {
                            /** @description KB number, package name, or product key. */
                            id: string;
                            title?: string | null;
                            kind?: string | null;
                            installedAt?: string | null;
                            severity?: string | null;
                            version?: string | null;
                        }[];
                        pending: {
                            /** @description KB number, package name, or product key. */
                            id: string;
                            title?: string | null;
                            kind?: string | null;
                            installedAt?: string | null;
                            severity?: string | null;
                            version?: string | null;
                        }[];
                        rebootRequired?: boolean | null;
                        lastCheckedAt?: string | null;
                        lastInstalledAt?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                security?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        firewall: {
                            enabled?: boolean | null;
                            product?: string | null;
                            profiles: {
                                name: string;
                                enabled?: boolean | null;
                                defaultInbound?: string | null;
                            }[];
                            ruleCount?: number | null;
                        };
                        diskEncryption: {
                            /** @description True when the system volume is encrypted. */
                            enabled?: boolean | null;
                            product?: string | null;
                            volumes: {
                                volume: string;
                                encrypted?: boolean | null;
                                method?: string | null;
                                status?: string | null;
                                protection?: string | null;
                            }[];
                        };
                        antivirus: {
                            name: string;
                            enabled?: boolean | null;
                            upToDate?: boolean | null;
                            realTimeProtection?: boolean | null;
                            version?: string | null;
                            signatureVersion?: string | null;
                            signatureUpdatedAt?: string | null;
                        }[];
                        secureBoot?: boolean | null;
                        tpm?: {
                            present?: boolean | null;
                            enabled?: boolean | null;
                            version?: string | null;
                            manufacturer?: string | null;
                        } | null;
                        selinux?: {
                            /** @description enforcing, permissive, disabled */
                            mode: string;
                            policy?: string | null;
                        } | null;
                        apparmor?: {
                            enabled: boolean;
                            profilesEnforced?: number | null;
                            profilesComplain?: number | null;
                        } | null;
                        uac?: {
                            enabled?: boolean | null;
                            level?: string | null;
                        } | null;
                        gatekeeper?: boolean | null;
                        /** @description macOS System Integrity Protection. */
                        sip?: boolean | null;
                        autoUpdate?: {
                            enabled?: boolean | null;
                            mechanism?: string | null;
                        } | null;
                        screenLock?: boolean | null;
                        localAdmins: string[];
                        passwordPolicy?: {
                            minLength?: number | null;
                            maxAgeDays?: number | null;
                            lockoutThreshold?: number | null;
                        } | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                network?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        interfaces: {
                            name: string;
                            description?: string | null;
                            mac?: string | null;
                            type?: string | null;
                            up?: boolean | null;
                            mtu?: number | null;
                            speedMbps?: number | null;
                            ipv4: string[];
                            ipv6: string[];
                            dhcp?: boolean | null;
                            rxBytes?: number | null;
                            txBytes?: number | null;
                        }[];
                        defaultGateway: {
                            ipv4?: string | null;
                            ipv6?: string | null;
                            interface?: string | null;
                        };
                        dns: {
                            servers: string[];
                            searchDomains: string[];
                        };
                        listeningPorts: {
                            protocol: "tcp" | "udp" | "tcp6" | "udp6";
                            address: string;
                            port: number;
                            pid?: number | null;
                            process?: string | null;
                            user?: string | null;
                        }[];
                        primaryIp?: string | null;
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                users?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        accounts: {
                            name: string;
                            uid?: string | null;
                            gid?: string | null;
                            fullName?: string | null;
                            home?: string | null;
                            shell?: string | null;
                            type?: string | null;
                            isAdmin?: boolean | null;
                            disabled?: boolean | null;
                            lastLoginAt?: string | null;
                            passwordLastSetAt?: string | null;
                            groups?: string[];
                        }[];
                        loggedIn: {
                            name: string;
                            terminal?: string | null;
                            host?: string | null;
                            since?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                services?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        /** @description systemd, openrc, windows, launchd */
                        manager: string;
                        items: {
                            name: string;
                            displayName?: string | null;
                            description?: string | null;
                            /** @description running, stopped, failed, exited, … */
                            state: string;
                            startMode?: string | null;
                            pid?: number | null;
                            user?: string | null;
                            path?: string | null;
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
                browser?: {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    data: {
                        extensions: {
                            /** @description chrome, chromium, edge, brave, firefox */
                            browser: string;
                            user?: string | null;
                            profile?: string | null;
                            id: string;
                            name: string;
                            version?: string | null;
                            enabled?: boolean | null;
                            permissions?: string[];
                        }[];
                    };
                } | {
                    /** @description SHA-256 of the section's canonical JSON, hex. */
                    hash: string;
                    error: {
                        /** @description timeout, permission, unsupported, failed */
                        code: string;
                        message: string;
                    };
                };
            };
            softwareDelta?: {
                /** @description SHA-256 of the section's canonical JSON, hex. */
                baseHash: string;
                /** @description SHA-256 of the section's canonical JSON, hex. */
                hash: string;
                added: {
                    name: string;
                    /** @description As the package manager spells it (epoch and release included: "1:2.39.2-1.1"). */
                    version: string;
                    publisher?: string | null;
                    arch?: string | null;
                    source: "deb" | "rpm" | "apk" | "pacman" | "snap" | "flatpak" | "msi" | "registry" | "winget" | "msix" | "chocolatey" | "app" | "pkg" | "brew" | "npm" | "pip" | "other";
                    installDate?: string | null;
                    installLocation?: string | null;
                    sizeBytes?: number | null;
                    user?: string | null;
                    purl?: string | null;
                }[];
                removed: {
                    name: string;
                    source: string;
                    arch?: string | null;
                    user?: string | null;
                    version: string;
                }[];
                updated: {
                    name: string;
                    /** @description As the package manager spells it (epoch and release included: "1:2.39.2-1.1"). */
                    version: string;
                    publisher?: string | null;
                    arch?: string | null;
                    source: "deb" | "rpm" | "apk" | "pacman" | "snap" | "flatpak" | "msi" | "registry" | "winget" | "msix" | "chocolatey" | "app" | "pkg" | "brew" | "npm" | "pip" | "other";
                    installDate?: string | null;
                    installLocation?: string | null;
                    sizeBytes?: number | null;
                    user?: string | null;
                    purl?: string | null;
                }[];
            };
        };
        MetricsReport: {
            /** @enum {number} */
            protocol: 1;
            /** Format: uuid */
            reportId: string;
            sequence: number;
            /** Format: date-time */
            collectedAt: string;
            agent: {
                /** @description Agent version. */
                version: string;
                platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                arch: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "MetricsReport";
            samples: {
                /** @description When the sample was taken. */
                at: string;
                cpuPercent?: number | null;
                load?: [
                    number,
                    number,
                    number
                ] | null;
                memory: {
                    totalBytes?: number | null;
                    usedBytes?: number | null;
                    percent?: number | null;
                };
                swap?: {
                    totalBytes?: number | null;
                    usedBytes?: number | null;
                } | null;
                disks: {
                    mountPoint: string;
                    sizeBytes?: number | null;
                    usedBytes?: number | null;
                    percent?: number | null;
                }[];
                network: {
                    rxBytes?: number | null;
                    txBytes?: number | null;
                };
                processes: {
                    count?: number | null;
                    topCpu: {
                        pid: number;
                        name: string;
                        cpuPercent?: number | null;
                        rssBytes?: number | null;
                        user?: string | null;
                    }[];
                    topMemory: {
                        pid: number;
                        name: string;
                        cpuPercent?: number | null;
                        rssBytes?: number | null;
                        user?: string | null;
                    }[];
                };
                uptimeSeconds?: number | null;
            }[];
        };
        WorkResultReport: {
            /** @enum {number} */
            protocol: 1;
            /** Format: uuid */
            reportId: string;
            sequence: number;
            /** Format: date-time */
            collectedAt: string;
            agent: {
                /** @description Agent version. */
                version: string;
                platform: "linux" | "windows" | "macos" | "freebsd" | "other";
                arch: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "WorkResultReport";
            /** Format: uuid */
            workId: string;
            status: "succeeded" | "failed" | "timeout" | "rejected";
            exitCode?: number | null;
            stdout?: string;
            stderr?: string;
            truncated?: boolean;
            /** Format: date-time */
            startedAt?: string;
            /** Format: date-time */
            finishedAt?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
