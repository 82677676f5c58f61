"""The account's reader-apps page: app passwords for the Google Reader and Fever APIs.

An app password is shown once, when made; the page lists the others (name, when made, last used)
with a revoke button each. Every POST checks the session's CSRF token.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from .auth import Viewer, check_csrf, page_user
from .queries import checked_id
from .render import page

router = APIRouter(include_in_schema=False)
PATH = "/account/app-passwords"


def _page(request: Request, viewer: Viewer, new_password: str | None = None) -> Response:
    store = request.app.state.store
    with store.read() as conn:
        passwords = store.list_app_passwords(conn, viewer.id)
    return page(request, "app_passwords.html", viewer, passwords=passwords, new_password=new_password,
                base=str(request.base_url).rstrip("/"))


@router.get(PATH)
def app_passwords(request: Request, viewer: Viewer = Depends(page_user)) -> Response:
    return _page(request, viewer)


@router.post(PATH)
def new_app_password(request: Request, name: str = Form(""), csrf_token: str = Form(""),
                     viewer: Viewer = Depends(page_user)) -> Response:
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    with store.atomic() as conn:
        password = store.create_app_password(conn, viewer.id, name.strip() or "reader app")
    return _page(request, viewer, new_password=password)


@router.post(PATH + "/{password_id}/revoke")
def revoke_app_password(request: Request, password_id: int, csrf_token: str = Form(""),
                        viewer: Viewer = Depends(page_user)) -> Response:
    check_csrf(viewer, csrf_token)
    checked_id(password_id, "app password")
    store = request.app.state.store
    with store.atomic() as conn:
        store.revoke_app_password(conn, viewer.id, password_id)
    return RedirectResponse(PATH, status_code=303)
