@echo off
chcp 65001 >nul
setlocal
rem Aperçu en direct : montre le site dans le navigateur pendant que vous modifiez les fiches
rem (« synergies serve ») ; chaque enregistrement met la page à jour. Fermer la fenêtre l'arrête.
title Aperçu en direct - fermez cette fenêtre pour arrêter l'aperçu
rem pushd plutôt que cd : un dossier réseau (\\serveur\partage\...) reçoit une lettre de lecteur.
pushd "%~dp0"
rem Ce fichier doit être dans le dossier courant, sinon pushd a échoué.
if not exist "%~nx0" goto :dossier_inaccessible
set "SYNERGIES=%~dp0synergies.exe"
if not exist "%SYNERGIES%" set "SYNERGIES=synergies.exe"

echo Aperçu du registre "%~dp0"
echo Le navigateur va s'ouvrir sur http://127.0.0.1:8017/index.html
echo Laissez cette fenêtre ouverte pendant que vous modifiez les fiches.
echo Pour arrêter l'aperçu, fermez cette fenêtre ou appuyez sur Ctrl+C.
echo.
rem Le navigateur s'ouvre deux secondes plus tard, quand le serveur répond.
if not defined SYNERGIES_SANS_NAVIGATEUR start "" /b cmd /c "ping -n 3 127.0.0.1 >nul & start "" http://127.0.0.1:8017/index.html"
"%SYNERGIES%" serve
set "STATUT=%ERRORLEVEL%"
popd
echo.
if "%STATUT%"=="0" echo Résultat : l'aperçu est arrêté.
if "%STATUT%"=="1" echo Résultat : l'aperçu n'a pas pu démarrer, voir le message ci-dessus. Si un autre aperçu est déjà ouvert, utilisez-le ou fermez sa fenêtre.
if "%STATUT%"=="9009" echo Résultat : synergies.exe est introuvable. Il doit se trouver dans le même dossier que ce fichier.
goto :fin

:dossier_inaccessible
set "STATUT=3"
echo Le dossier "%~dp0" est inaccessible : vérifiez que le lecteur réseau est connecté.

:fin
echo Code de sortie : %STATUT% ^(0 : tout va bien^)
echo.
echo Appuyez sur une touche pour fermer cette fenêtre.
pause >nul
exit /b %STATUT%
