import os
import time

from django.core.management import call_command

from approvals.storage import PrivateStorage


def test_only_old_unreferenced_files_are_swept(settings, tmp_path, capsys, db):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    storage = PrivateStorage()
    orphan = storage.save("docs/orphan.pdf", open(__file__, "rb"))
    fresh = storage.save("docs/fresh.pdf", open(__file__, "rb"))
    old = time.time() - 3 * 24 * 3600
    os.utime(tmp_path / orphan, (old, old))

    call_command("sweep_private_files")
    assert "1 orphan file(s) found" in capsys.readouterr().out
    assert (tmp_path / orphan).exists()

    call_command("sweep_private_files", "--delete")
    assert "1 orphan file(s) removed" in capsys.readouterr().out
    assert not (tmp_path / orphan).exists() and (tmp_path / fresh).exists()


def test_a_referenced_file_is_kept(settings, tmp_path, capsys, db):
    from tests.members.factories import ApplicationFactory

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    application = ApplicationFactory()
    document = application.documents.get()
    path = tmp_path / document.file.name
    old = time.time() - 3 * 24 * 3600
    os.utime(path, (old, old))
    call_command("sweep_private_files", "--delete")
    assert "0 orphan file(s) removed" in capsys.readouterr().out
    assert path.exists()
